"""The pages' forms for cases: opening a case and its suspects (``records``), the pre-charge steps (``precharge``)
and the court stages (``court``). They parse input only: every rule is the services'."""
