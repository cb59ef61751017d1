"""Create the S3 buckets mediasite uses, and check that a write and a read work.

Used by ``scripts/services.sh up`` (SeaweedFS on this machine) and by the
``createbuckets`` service in ``deploy/docker-compose.yml``. Idempotent: buckets
that exist are left alone. Reads the same environment variables as the
settings: AWS_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
AWS_S3_REGION_NAME, AWS_STORAGE_BUCKET_NAME and MEDIA_PRIVATE_BUCKET.

    python deploy/create_buckets.py [--wait SECONDS]
"""

import argparse
import os
import sys
import time

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError


def client():
    return boto3.client(
        "s3",
        endpoint_url=os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID") or None,
        aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
        region_name=os.environ.get("AWS_S3_REGION_NAME", "us-east-1"),
        config=Config(
            s3={"addressing_style": "path"},
            retries={"max_attempts": 2},
            connect_timeout=2,
            read_timeout=10,
        ),
    )


def wait_until_ready(s3, timeout: float) -> None:
    """SeaweedFS opens its S3 port before its filer is ready: retry ListBuckets."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            s3.list_buckets()
            return
        except (BotoCoreError, ClientError) as exc:
            if time.monotonic() > deadline:
                sys.exit(f"S3 endpoint not ready after {timeout:.0f}s: {exc}")
            time.sleep(1)


def ensure_bucket(s3, name: str) -> None:
    try:
        s3.head_bucket(Bucket=name)
        print(f"  bucket {name}: exists")
        return
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") not in {"404", "NoSuchBucket", "NotFound"}:
            raise
    try:
        s3.create_bucket(Bucket=name)
        print(f"  bucket {name}: created")
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") != "BucketAlreadyOwnedByYou":
            raise
        print(f"  bucket {name}: exists")


def round_trip(s3, bucket: str) -> None:
    key = ".healthcheck/create_buckets.txt"
    body = f"mediasite {time.time()}".encode()
    s3.put_object(Bucket=bucket, Key=key, Body=body)
    got = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    if got != body:
        sys.exit(f"S3 round trip on {bucket} returned different bytes")
    s3.delete_object(Bucket=bucket, Key=key)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wait", type=float, default=60, help="seconds to wait for S3")
    args = parser.parse_args()

    buckets = [
        os.environ.get("AWS_STORAGE_BUCKET_NAME", "mediasite-public"),
        os.environ.get("MEDIA_PRIVATE_BUCKET", "mediasite-private"),
    ]
    s3 = client()
    wait_until_ready(s3, args.wait)
    for name in buckets:
        ensure_bucket(s3, name)
        round_trip(s3, name)
    print("  S3 put/get round trip: ok")


if __name__ == "__main__":
    main()
