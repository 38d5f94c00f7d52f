"""Command-line tools on the DICOM engine, without the GUI.

Each module has ``main(argv: list[str]) -> int`` (argv without the program and command
names) and can run alone as ``python -m workstation.commands.inspect ...``:

- :mod:`workstation.commands.inspect`: what the loader makes of files and folders;
- :mod:`workstation.commands.render`: one slice rendered offscreen by the viewer's
  SliceView into a PNG file.

They use the dicom, render and core packages only (no Qt).
"""
