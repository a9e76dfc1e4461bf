"""The cases API: the pages' services behind REST endpoints, with the same scoping (out of scope is a 404): the case,
its suspects and the steps before charge (``precharge``), and after charge at court (``court``)."""
