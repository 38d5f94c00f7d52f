"""Domain model of the workstation: studies, image stacks, display pipeline, reports.

This package imports only the standard library and numpy, so that every rule about what
the radiologist sees can be tested without Qt, VTK, a network or a DICOM parser.
"""
