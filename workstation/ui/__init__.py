"""The Qt application: sign-in, worklist, viewer and report panel.

The only package that imports PySide6. Every hub, cache and decoding call is made from a
worker thread (``workers.TaskRunner``) and answered through Qt signals; every user-visible
string goes through Qt's translation functions.
"""
