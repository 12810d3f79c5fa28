//! The goal-lint language server.
