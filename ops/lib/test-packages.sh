# shellcheck shell=bash
# The Debian packages the tests use, and how to get them. Sourced by ops/hirestream and .ci/run.
#   python3-confluent-kafka python3-avro python3-requests: Confluent's own Python client, for the
#     test that a Python producer and hirestream's Java serde read each other's records
#   chromium chromium-driver: a headless browser, for the dashboard's browser test
#   docker-compose: validates docker-compose.yml (its `config` needs no Docker engine)
HIRESTREAM_TEST_PACKAGES=(python3-confluent-kafka python3-avro python3-requests chromium chromium-driver docker-compose)

# Installs whichever of the test packages are missing, with apt-get as root or through sudo;
# where neither is possible, or there is no apt-get, says the one command to run and fails.
hirestream_install_test_packages() {
  local missing=() package sudo=""
  for package in "${HIRESTREAM_TEST_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo"
    else
      echo "the tests need these Debian packages: ${missing[*]}" >&2
      echo "install them with:  sudo apt-get install -y ${missing[*]}" >&2
      return 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "the tests need these packages (Debian names): ${missing[*]}; this machine has no apt-get: install them by hand" >&2
    return 1
  fi
  echo "installing the Debian packages the tests use: ${missing[*]}" >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}
