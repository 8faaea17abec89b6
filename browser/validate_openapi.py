"""Validates the served OpenAPI document with openapi-spec-validator: the document is well formed OpenAPI 3.1 and
every $ref resolves. Exits non-zero with the validator's message otherwise."""
import sys

import requests
from openapi_spec_validator import validate

document = requests.get(sys.argv[1], timeout=30).json()
validate(document)
print(f"OpenAPI {document['openapi']}: {len(document['paths'])} paths, {len(document['components']['schemas'])} schemas, valid")
