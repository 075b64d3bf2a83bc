#!/bin/sh
# The S3 identities of the pipeline, written as the JSON file SeaweedFS's S3 gateway reads
# (`weed mini -s3.config=FILE`):
#
#   s3-identities.sh FILE
#
# Every key comes from the environment: docker-compose.yml passes the same variables to this
# script and to each service, and in Kubernetes (deploy/seaweedfs/seaweedfs.yaml) both read the same
# per-service Secret. So nothing secret is committed, and a key lives in one place.
#
# One identity per service, with only what it needs (SeaweedFS actions are "Action:bucket" for a
# whole bucket or "Action:bucket/key-pattern" with * matching any characters; Write covers put,
# multipart upload and delete). docs/deploy.md gives the same rights as AWS IAM policies, and
# deploy/validation checks both against one access matrix.
#
#   augmenter  Read:DATA                                 fetch the images it augments
#   trainer    Read:BUCKET                               HeadBucket (ensureBucket) is Read on the
#                                                        bucket in SeaweedFS, so reads are bucket-wide
#              List:BUCKET/RUN/* Write:BUCKET/RUN/*      its run's checkpoints and lease, nothing else
#   evaluator  Read:BUCKET List:BUCKET                   every run's checkpoints (the read API lists runs)
#              Write:BUCKET/*/step-*/{eval.json,encoder.onnx,embedding.json}, Write:BUCKET/*/reference.json
#                                                        its artefacts next to the checkpoints
#              Read/List:DATA/eval-sets/*                labelled evaluation sets
#   client     Read/List/Write:DATA Read/List:BUCKET     push images, fetch checkpoints and models
#   admin      Admin                                     optional: only with S3_ADMIN_ACCESS_KEY and
#                                                        S3_ADMIN_SECRET_KEY (operators; buckets)
#
# Environment: S3_<ID>_ACCESS_KEY and S3_<ID>_SECRET_KEY for ID in AUGMENTER, TRAINER, EVALUATOR,
# CLIENT (and optionally ADMIN); SIMCLR_RUN_ID (the run the trainer may write); SIMCLR_BUCKET
# (checkpoints and artefacts, default simclr); SIMCLR_DATA_BUCKET (images and evaluation sets,
# default simclr-data). Keys may contain letters, digits and + / = . _ - (no JSON escaping needed).
# No key is ever printed.
set -eu

fail() {
  echo "s3-identities: $*" >&2
  exit 1
}

[ $# -eq 1 ] || fail "usage: s3-identities.sh FILE"
out=$1

# token VARIABLE VALUE: a key or the run id
token() {
  case $2 in
    '') fail "$1 is not set or empty" ;;
    *[!A-Za-z0-9+/=._-]*) fail "$1 may contain only letters, digits and + / = . _ -" ;;
  esac
}
# name VARIABLE VALUE: a bucket name
name() {
  case $2 in
    '') fail "$1 is not set or empty" ;;
    *[!a-z0-9.-]*) fail "$1 must be a bucket name: lower-case letters, digits, dots and hyphens" ;;
  esac
}

run=${SIMCLR_RUN_ID:-}
token SIMCLR_RUN_ID "$run"
bucket=${SIMCLR_BUCKET:-simclr}
name SIMCLR_BUCKET "$bucket"
data=${SIMCLR_DATA_BUCKET:-simclr-data}
name SIMCLR_DATA_BUCKET "$data"
[ "$bucket" != "$data" ] || fail "SIMCLR_BUCKET and SIMCLR_DATA_BUCKET must differ (both are $bucket)"

seen=" "
sep=""
body=""
names=""

# identity NAME VARIABLE-PREFIX ACTION...
identity() {
  id=$1
  prefix=$2
  shift 2
  eval "key=\${${prefix}_ACCESS_KEY:-}"
  eval "secret=\${${prefix}_SECRET_KEY:-}"
  token "${prefix}_ACCESS_KEY" "$key"
  token "${prefix}_SECRET_KEY" "$secret"
  case $seen in
    *" $key "*) fail "${prefix}_ACCESS_KEY is the access key of another identity too: every identity needs its own" ;;
  esac
  seen="$seen$key "
  actions=""
  for a in "$@"; do
    actions="$actions${actions:+, }\"$a\""
  done
  body="$body$sep    {\"name\": \"$id\", \"credentials\": [{\"accessKey\": \"$key\", \"secretKey\": \"$secret\"}], \"actions\": [$actions]}"
  sep=",
"
  names="$names${names:+, }$id"
}

identity augmenter S3_AUGMENTER "Read:$data"
identity trainer S3_TRAINER "Read:$bucket" "List:$bucket/$run/*" "Write:$bucket/$run/*"
identity evaluator S3_EVALUATOR "Read:$bucket" "List:$bucket" \
  "Write:$bucket/*/step-*/eval.json" "Write:$bucket/*/step-*/encoder.onnx" "Write:$bucket/*/step-*/embedding.json" \
  "Write:$bucket/*/reference.json" "Read:$data/eval-sets/*" "List:$data/eval-sets/*"
identity client S3_CLIENT "Read:$data" "List:$data" "Write:$data" "Read:$bucket" "List:$bucket"
if [ -n "${S3_ADMIN_ACCESS_KEY:-}" ] || [ -n "${S3_ADMIN_SECRET_KEY:-}" ]; then
  identity admin S3_ADMIN "Admin"
fi

umask 077
printf '{\n  "identities": [\n%s\n  ]\n}\n' "$body" > "$out.tmp"
mv "$out.tmp" "$out"
echo "s3-identities: wrote $out: $names (trainer writes s3://$bucket/$run/)" >&2
