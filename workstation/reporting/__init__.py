"""Report outputs: the PDF (reportlab, embedded Unicode font), DICOM Comprehensive SR
(PS3.3 A.35.3, TID 2000) and Encapsulated PDF (PS3.3 A.45.1). Builds on the core's report
content; knows nothing of the hub, the cache or the UI."""
