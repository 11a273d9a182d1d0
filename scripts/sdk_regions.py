"""Print the region -> endpoint tables of the official Huawei Cloud SDK as JSON (tests/unit/.../sdk_regions.json).

research: the SDK's own region files are the vendor's word on host names. Regenerate after an SDK update:
    pip download --no-deps -d /tmp/sdk huaweicloudsdk{iam,cce,codeartsbuild,dcs,workspace}==<version>
    python scripts/sdk_regions.py /tmp/sdk/*.whl > tests/unit/plugins/module_utils/fixtures/sdk_regions.json
"""

import json
import re
import sys
import zipfile

# our service name -> the region file inside each SDK wheel
REGION_FILES = {
    "iam": "huaweicloudsdkiam/v3/region/iam_region.py",
    "cce": "huaweicloudsdkcce/v3/region/cce_region.py",
    "codearts_build": "huaweicloudsdkcodeartsbuild/v3/region/codeartsbuild_region.py",
    "dcs": "huaweicloudsdkdcs/v2/region/dcs_region.py",
    "workspace": "huaweicloudsdkworkspace/v2/region/workspace_region.py",
}
REGION = re.compile(r'Region\("([a-z0-9-]+)",\s*"(https://[^"]+)"')


def main(wheels):
    tables = {"_source": "official Huawei Cloud Python SDK region files, " + ", ".join(
        sorted(name.rsplit("/", 1)[-1] for name in wheels))}
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as archive:
            for service, path in REGION_FILES.items():
                if path in archive.namelist():
                    text = archive.read(path).decode("utf-8")
                    tables[service] = dict(sorted(REGION.findall(text)))
    json.dump(tables, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
