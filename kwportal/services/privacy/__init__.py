"""The privacy desk's capability: rights requests (seed ch. 3, A–E), the access-log search
and the transfer to a new arbodienst. Metadata only: never medical content."""
