"""DICOM adapter: files (paths or decrypted bytes) in, core ImageStacks out.

Only this package knows pydicom; everything it returns is a core type. Entry points:
:func:`workstation.dicom.loader.load_series` and :func:`workstation.dicom.header.read_header`.
Nothing is imported here, so that importing the package stays cheap.
"""
