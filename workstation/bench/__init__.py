"""``python -m workstation.bench`` (``make bench``): speed and memory figures of the DICOM
engine against well-known peers, printed as a table and written to ``build/bench.json``.

Every figure is a ratio of two measurements taken in the same run on the same machine,
so figures from different machines compare; see :mod:`workstation.bench.figures` for
what each one measures. Figures of other parts of the application go into the same file
under their own ids: entries already in the file are kept unless measured again.
"""
