"""Write resources/lscp-template.docx from the code that defines it."""

from lscp_desktop.exports.word.template import TEMPLATE_NAME, build_default_template, resources_dir

if __name__ == "__main__":
    target = resources_dir() / TEMPLATE_NAME
    target.write_bytes(build_default_template())
    print(f"wrote {target}")
