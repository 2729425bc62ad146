"""Reads and writes hirestream topics with Confluent's own Python client (confluent_kafka.avro).

Keys are plain UTF-8 strings and values Avro in the Confluent wire format, so this uses the
client's Consumer and Producer with its MessageSerializer for the values, as an analytics team
would (AvroConsumer and AvroProducer insist on Avro keys too).

    confluent_client.py read  SETTINGS REGISTRY_URL TOPIC COUNT
        prints each value as one JSON line, decoded by Confluent's AvroConsumer
    confluent_client.py write SETTINGS REGISTRY_URL TOPIC KEY VALUE_JSON
        writes one record, using the subject's registered schema
    confluent_client.py write-all SETTINGS REGISTRY_URL TOPIC FILE
        writes each line of FILE ({"key": ..., "value": ...}) with one producer

Records are written on the client's defaults: its partitioner is librdkafka's consistent_random
(CRC32 of the key), not the murmur2 of Java's client.

SETTINGS is a file of librdkafka settings, as `ops/hirestream client-config --format librdkafka`
prints them (bootstrap servers and how to sign in).

Decimals travel as strings and timestamps as epoch milliseconds in the JSON, so that the Java
side can compare them exactly.
"""
import datetime
import decimal
import json
import sys

from confluent_kafka import Consumer, Producer
from confluent_kafka.avro import CachedSchemaRegistryClient
from confluent_kafka.avro.serializer.message_serializer import MessageSerializer


def to_json(value):
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.datetime):
        return int(value.timestamp() * 1000)
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    return value


def from_json(value, schema):
    """Turns JSON values back into what the avro library writes: Decimal, datetime."""
    kind = schema.type
    if kind == "union":
        if value is None:
            return None
        return from_json(value, next(s for s in schema.schemas if s.type != "null"))
    logical = schema.props.get("logicalType")
    if logical == "decimal":
        return decimal.Decimal(value)
    if logical == "timestamp-millis":
        return datetime.datetime.fromtimestamp(value / 1000, tz=datetime.timezone.utc)
    if kind == "record":
        return {f.name: from_json(value[f.name], f.type) for f in schema.fields}
    if kind == "array":
        return [from_json(v, schema.items) for v in value]
    return value


def client_settings(path):
    """The client's settings from a properties file, as kcat -F reads one (ops/hirestream client-config)."""
    with open(path) as lines:
        return dict(line.strip().split("=", 1) for line in lines if line.strip() and not line.startswith("#"))


def read(settings, registry, topic, count):
    serializer = MessageSerializer(CachedSchemaRegistryClient({"url": registry}))
    consumer = Consumer(dict(client_settings(settings), **{
        "group.id": "confluent-python-" + topic,
        "auto.offset.reset": "earliest",
    }))
    consumer.subscribe([topic])
    seen = 0
    deadline = datetime.datetime.now() + datetime.timedelta(seconds=60)
    while seen < count and datetime.datetime.now() < deadline:
        message = consumer.poll(1.0)
        if message is None:
            continue
        if message.error():
            raise SystemExit("consumer error: %s" % message.error())
        value = serializer.decode_message(message.value())
        print(json.dumps({"key": message.key().decode("utf-8"), "value": to_json(value),
                          "bytes": message.value().hex()}, sort_keys=True), flush=True)
        seen += 1
    consumer.close()
    if seen < count:
        raise SystemExit("read %d of %d records within 60 s" % (seen, count))


def write(settings, registry, topic, records):
    """Writes (key, value as JSON) pairs with one producer, using the subject's registered schema."""
    registry_client = CachedSchemaRegistryClient({"url": registry})
    schema_id, schema, _ = registry_client.get_latest_schema(topic + "-value")
    if schema is None:
        raise SystemExit("no schema registered under %s-value" % topic)
    serializer = MessageSerializer(registry_client)
    producer = Producer(dict(client_settings(settings), **{"enable.idempotence": True, "acks": "all"}))
    for key, value in records:
        producer.produce(topic=topic, key=key.encode("utf-8"),
                         value=serializer.encode_record_with_schema_id(schema_id, from_json(value, schema)))
    if producer.flush(60) != 0:
        raise SystemExit("not every record was acknowledged within 60 s")
    print("written %d with schema id %d" % (len(records), schema_id), flush=True)


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "read":
        read(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    elif command == "write":
        write(sys.argv[2], sys.argv[3], sys.argv[4], [(sys.argv[5], json.loads(sys.argv[6]))])
    elif command == "write-all":
        with open(sys.argv[5]) as lines:
            records = [json.loads(line) for line in lines if line.strip()]
        write(sys.argv[2], sys.argv[3], sys.argv[4], [(r["key"], r["value"]) for r in records])
    else:
        raise SystemExit(__doc__)
