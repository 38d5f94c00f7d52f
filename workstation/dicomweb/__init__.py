"""DICOMweb (PS3.18) adapter: QIDO-RS search, WADO-RS retrieval and STOW-RS storage against
a PACS such as Orthanc or dcm4chee. Builds on ``core`` and ``dicom`` only."""
