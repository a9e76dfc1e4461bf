"""Complainants (identity encrypted), communication wishes, ISVAs, special measures, letters and the Victims' Code."""
