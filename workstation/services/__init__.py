"""Use cases of the workstation, free of any UI: fill the encrypted cache from the hub,
load a cached series, submit a report. The UI calls these from worker threads."""
