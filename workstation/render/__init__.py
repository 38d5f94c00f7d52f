"""VTK rendering of core ImageStacks; knows VTK and core, nothing of DICOM, Qt or the hub."""
