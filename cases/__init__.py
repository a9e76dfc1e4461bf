"""The case, its suspects and the stages of its journey before and after charge."""
