#!/usr/bin/env bash
# Install the system packages thongbao's PDF rendering needs (idempotent, non-interactive).
#
#   LibreOffice Writer, headless   libreoffice-writer-nogui (or libreoffice-writer if unavailable)
#   UNO bindings for system python python3-uno (the warm converter's helper runs under /usr/bin/python3)
#   fonts                          fonts-liberation fonts-liberation2 fonts-dejavu-core
#                                  (Liberation Serif is metric-compatible with Times New Roman,
#                                  which cannot be installed here: ttf-mscorefonts-installer
#                                  downloads from the web)
#   PDF tools                      poppler-utils (pdftoppm, pdfinfo, pdffonts)
#
# Debian/Ubuntu only; anywhere else it prints what to install and exits 0 with a warning.
# Nothing is installed (and apt-get update is not run) when everything is already there.
set -euo pipefail

say() { printf 'install-system-deps: %s\n' "$*"; }
warn() { printf 'install-system-deps: WARNING: %s\n' "$*" >&2; }

other_system() {
  warn "not a Debian/Ubuntu system with apt-get; install these yourself:"
  case "$(uname -s 2>/dev/null || echo unknown)" in
    Darwin)
      warn "  brew install --cask libreoffice"
      warn "  brew install poppler"
      warn "  Times New Roman ships with macOS; Liberation fonts: brew install --cask font-liberation"
      ;;
    MINGW* | MSYS* | CYGWIN*)
      warn "  LibreOffice: https://www.libreoffice.org/download/download-libreoffice/"
      warn "  poppler: https://github.com/oschwartz10612/poppler-windows/releases (optional)"
      ;;
    *)
      warn "  LibreOffice Writer (soffice) with its Python UNO bindings, Liberation fonts"
      warn "  (Liberation Serif), DejaVu fonts and poppler-utils, using your package manager"
      ;;
  esac
  exit 0
}

command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1 || other_system

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
    [ -t 0 ] || SUDO=(sudo -n)  # never hang on a password prompt without a terminal
  else
    warn "not root and sudo is not available; cannot install packages"
    exit 1
  fi
fi

installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]; }

missing=()
writer_pkg=""
if ! command -v soffice >/dev/null 2>&1 || ! { installed libreoffice-writer-nogui || installed libreoffice-writer; }; then
  writer_pkg=libreoffice-writer-nogui  # resolved after apt-get update (fallback: libreoffice-writer)
fi
if ! /usr/bin/python3 -c 'import uno' >/dev/null 2>&1; then
  missing+=(python3-uno)
fi
# (no grep -q after a pipe: with pipefail, fc-list's SIGPIPE would count as "missing")
if ! command -v fc-list >/dev/null 2>&1 || ! fc-list : family 2>/dev/null | grep -i "Liberation Serif" >/dev/null; then
  missing+=(fontconfig fonts-liberation)
fi
installed fonts-liberation2 || missing+=(fonts-liberation2)
installed fonts-dejavu-core || missing+=(fonts-dejavu-core)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)

if [ -z "$writer_pkg" ] && [ ${#missing[@]} -eq 0 ]; then
  say "everything already installed ($(soffice --version 2>/dev/null | head -n1 || echo soffice))"
else
  export DEBIAN_FRONTEND=noninteractive
  apt_opts=(-y -q --no-install-recommends -o DPkg::Lock::Timeout=300)
  say "running apt-get update"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  if [ -n "$writer_pkg" ]; then
    if apt-cache show libreoffice-writer-nogui >/dev/null 2>&1; then
      writer_pkg=libreoffice-writer-nogui
    else
      writer_pkg=libreoffice-writer
    fi
    missing=("$writer_pkg" "${missing[@]}")
  fi
  say "installing: ${missing[*]}"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install "${apt_opts[@]}" "${missing[@]}" >/dev/null
  say "installed: ${missing[*]}"
fi

# ---- verify
status=0
if command -v soffice >/dev/null 2>&1; then
  say "soffice: $(command -v soffice) ($(soffice --version 2>/dev/null | head -n1))"
else
  warn "soffice is still not on PATH"; status=1
fi
if /usr/bin/python3 -c 'import uno' >/dev/null 2>&1; then
  say "python3-uno: ok (/usr/bin/python3 can import uno)"
else
  warn "/usr/bin/python3 cannot import uno"; status=1
fi
command -v pdftoppm >/dev/null 2>&1 && say "poppler-utils: ok" || { warn "pdftoppm missing"; status=1; }

# Times New Roman must resolve to Liberation Serif (fontconfig's 30-metric-aliases.conf does this;
# add the alias ourselves if some configuration lost it).
tnr=$(fc-match -f '%{family[0]}' "Times New Roman" 2>/dev/null || true)
if [ "$tnr" != "Liberation Serif" ]; then
  conf=/etc/fonts/conf.d/35-thongbao-times-new-roman.conf
  say "fc-match \"Times New Roman\" gives '${tnr}'; adding alias to Liberation Serif in $conf"
  "${SUDO[@]}" tee "$conf" >/dev/null <<'XML'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <!-- thongbao: Times New Roman is not installable offline; Liberation Serif has the same metrics. -->
  <alias binding="same">
    <family>Times New Roman</family>
    <accept><family>Liberation Serif</family></accept>
  </alias>
</fontconfig>
XML
  "${SUDO[@]}" fc-cache -f >/dev/null 2>&1 || true
  tnr=$(fc-match -f '%{family[0]}' "Times New Roman" 2>/dev/null || true)
fi
if [ "$tnr" = "Liberation Serif" ]; then
  say "fonts: fc-match \"Times New Roman\" -> Liberation Serif"
else
  warn "fc-match \"Times New Roman\" -> '${tnr}', expected Liberation Serif"; status=1
fi
exit $status
