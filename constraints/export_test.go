package constraints

// Unregister removes a registry entry: for tests that register a toy kind.
var Unregister = unregister
