"""Stand-in for meson-python, used only while *downloading* an sdist with ``pip download``.

pip prepares an sdist's metadata before it saves the file; meson-python has no
``prepare_metadata_for_build_wheel`` hook, so pip would compile the whole package natively just to
read its name and version. With this folder on PYTHONPATH and ``--no-build-isolation``, this stub
answers from the sdist's own PKG-INFO instead. It cannot build anything.
"""

import email.parser
import os


def get_requires_for_build_wheel(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    with open("PKG-INFO", encoding="utf-8") as f:
        text = f.read()
    headers = email.parser.Parser().parsestr(text, headersonly=True)
    name, version = headers["Name"].replace("-", "_"), headers["Version"]
    dist_info = f"{name}-{version}.dist-info"
    os.makedirs(os.path.join(metadata_directory, dist_info), exist_ok=True)
    with open(os.path.join(metadata_directory, dist_info, "METADATA"), "w", encoding="utf-8") as f:
        f.write(text)
    return dist_info


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    raise RuntimeError("jupyterlite/wheels/tools/sdist_stub only serves metadata for pip download")
