"""Whole-column operations that keep Python loops off the rows: Arrow and numpy kernels, the UTF-8 fold,
repeated values found once. The domain code calls them by name; nothing here knows about centres."""
