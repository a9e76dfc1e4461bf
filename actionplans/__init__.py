"""Action plans, their actions and police responses, the 28/56/90-day reviews and the escalation ladder."""
