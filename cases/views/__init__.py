"""Case pages (lists, the case and its tabs) and the forms for each step of the journey."""
