# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Offline stand-in for the get-pip script ansible-test downloads to bootstrap pip.

ansible-test runs ~/.ansible/test/cache/get_pip_<version>.py inside each new virtual
environment it creates (made with --without-pip), passing pip's install arguments, e.g.
``--disable-pip-version-check pip==24.2 --no-setuptools --no-wheel``. The real script comes
from a host this machine cannot reach; scripts/ansible-test.sh puts this file there instead.
It gets a pip from the interpreter's own ensurepip, installs exactly what was asked for from
the configured package index, and honours get-pip's --no-setuptools / --no-wheel.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import subprocess
import sys

# Options only get-pip understands, each naming the package it keeps out of the environment.
GET_PIP_EXCLUSIONS = {'--no-setuptools': 'setuptools', '--no-wheel': 'wheel'}


def pip_bootstrap(arguments):
    """Install pip (and whatever else pip arguments name) into the running interpreter."""
    excluded = [package for option, package in GET_PIP_EXCLUSIONS.items() if option in arguments]
    install_arguments = [argument for argument in arguments if argument not in GET_PIP_EXCLUSIONS]

    run_python('-m', 'ensurepip', '--default-pip')
    run_python('-m', 'pip', 'install', *install_arguments)
    if excluded:
        # ensurepip may have brought setuptools along; pip skips what is not installed.
        run_python('-m', 'pip', 'uninstall', '--yes', '--disable-pip-version-check', *excluded)


def run_python(*arguments):
    """Run the interpreter quietly, as get-pip is; show its output only when it fails."""
    process = subprocess.run([sys.executable] + list(arguments), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    if process.returncode:
        sys.stdout.write(process.stdout.decode('utf-8', 'replace'))
        sys.exit(process.returncode)


if __name__ == '__main__':
    pip_bootstrap(sys.argv[1:])
