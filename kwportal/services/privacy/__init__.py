"""The privacy desk's capability: rights requests (seed ch. 3, A–E) and the desk's queue of
them, the access-log search, the answer to an access request with the employee's own
export, and the transfer to a new arbodienst. The desk itself reads metadata only: the
export and the transfer package go to the browser as downloads, never through a page."""
