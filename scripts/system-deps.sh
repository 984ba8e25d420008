#!/usr/bin/env bash
# Make sure the Debian packages the test suite drives are present: chromium (browser tests),
# qpdf and poppler-utils (PDF checks), postgresql (store tests). As root, missing ones are
# installed with apt-get; otherwise we say how, and the tests that need them skip loudly.
set -u
declare -A NEED=(
  [chromium]=chromium
  [qpdf]=qpdf
  [pdftoppm]=poppler-utils
  [pdffonts]=poppler-utils
)
missing=()
for tool in "${!NEED[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${NEED[$tool]}")
done
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  missing+=(postgresql)
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: installing ${missing[*]} (Debian packages)"
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    exit 0
  fi
  echo "system-deps: apt-get failed; the tests that need ${missing[*]} will be skipped" >&2
  exit 0
fi
cat >&2 <<MSG
system-deps: missing Debian packages: ${missing[*]}
  install them with:  sudo apt-get install ${missing[*]}
  until then the browser, PDF-tool and PostgreSQL tests are skipped (pytest lists them as SKIPPED).
MSG
exit 0
