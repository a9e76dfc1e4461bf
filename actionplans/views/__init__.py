"""Action-plan pages: on a case (views.case), the police's and unit head's work lists (views.work), and the
proportionality dip-sample (views.proportionality)."""
