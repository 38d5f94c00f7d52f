"""Encrypted local object store for downloaded DICOM instances, and its data key.

Health data is special-category personal data under KVKK (Law 6698, art. 6) and GDPR
(art. 9); both require appropriate technical measures, so nothing in this package ever
puts pixel data, UIDs or patient attributes on disk in plain form. The data key lives
in the operating system's keychain, never in a file.
"""
