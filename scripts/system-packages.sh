#!/usr/bin/env bash
# Install the system programs the checks use, when they are missing (Debian or Ubuntu, as root):
#   graphviz       draws the accountability diagrams (`dot`)
#   poppler-utils  reads PDFs in the tests (`pdfinfo`, `pdftoppm`)
#   chromium       the real browser for the accessibility checks
#   pango, fonts   WeasyPrint's text layout for the PDFs
#   java           runs the Nu HTML Checker in `make conformance` (default-jre-headless)
#   openssh-client signs signature records with a key and checks them (`ssh-keygen -Y`)
# Anything it cannot install is reported in plain words; the build then does without it.
set -u
want=()
command -v dot >/dev/null 2>&1 || want+=(graphviz)
command -v pdfinfo >/dev/null 2>&1 || want+=(poppler-utils)
[ -x /usr/bin/chromium ] || want+=(chromium)
ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || want+=(libpango-1.0-0 libpangoft2-1.0-0)
[ -d /usr/share/fonts/truetype/dejavu ] || want+=(fonts-dejavu-core)
command -v java >/dev/null 2>&1 || want+=(default-jre-headless)
command -v ssh-keygen >/dev/null 2>&1 || want+=(openssh-client)
if [ ${#want[@]} -eq 0 ]; then
  echo "System packages: all present."
  exit 0
fi
echo "System packages to install: ${want[*]}"
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Cannot install them here (needs root and apt-get). Install them yourself, for example:"
  echo "  sudo apt-get install ${want[*]}"
  echo "Without them: no diagrams (a text list is shown instead), and the PDF and browser checks are skipped;"
  echo "without Java, 'make conformance' cannot run the Nu HTML Checker and says so;"
  echo "without openssh-client, 'protocols sign --key' cannot sign and key signatures cannot be checked (the build says so)."
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null; }; then
  echo "apt-get could not install ${want[*]}: the checks that need them will be skipped"
  echo "(without default-jre-headless, 'make conformance' reports that the HTML check could not run;"
  echo "without openssh-client, key signatures of signature records cannot be made or checked, and the build says so)."
fi
exit 0
