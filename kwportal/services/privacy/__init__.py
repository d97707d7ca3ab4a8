"""The privacy desk's capability: rights requests (seed ch. 3, A–E) and the desk's queue of
them, the access-log search, the delivery of the employee's own export in answer to an
access request, and the administrative side of a transfer to a new arbodienst. The desk
reads metadata only: the export goes to the employee's own page, the transfer package is
built and released by the company doctor (kwportal/services/case/transfer.py)."""
