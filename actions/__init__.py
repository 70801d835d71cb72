"""Custom actions of the mesotherapy FAQ assistant, run by the action server.

Start it with `meso actions` (meso/server/launcher.py), which also loads the condition
reader at start-up. Importing this package starts nothing.
"""
