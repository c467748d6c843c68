//! The schema check over the line reader's compact document ([`crate::load::tree::Node`]),
//! through `jsonschema`'s interface for JSON representations of one's own.
//!
//! Only "is it valid?" is asked of this representation: a bank that fails is turned into a
//! `serde_json::Value` and checked again by [`super::validate`], so the diagnostics are exactly
//! the ones every other bank gets.

use std::borrow::Cow;

use jsonschema::json::{Array, Json, Node as JsonNode, NodeIdentity, Object};
use jsonschema::types::JsonType;
use serde_json::Value;

use crate::load::tree::Node;

/// The marker type naming this representation to `jsonschema`.
#[derive(Debug)]
pub(crate) struct Tree;

impl Json for Tree {
    type Node<'a> = &'a Node<'a>;
    type PreparedKey = String;
    type StringBuffer = Option<Node<'static>>;

    // Mappings are short lists of entries: comparing a few names beats hashing one.
    const KEYS_PER_LOOKUP: usize = 4;
    const ACYCLIC: bool = true;

    fn prepare_key(key: &str) -> String {
        key.to_owned()
    }

    fn with_string_node<T>(
        buffer: &mut Option<Node<'static>>,
        string: &str,
        f: impl FnOnce(Self::Node<'_>) -> T,
    ) -> T {
        let node = buffer.insert(Node::String(Cow::Owned(string.to_owned())));
        f(node)
    }
}

impl<'a> JsonNode<'a, Tree> for &'a Node<'a> {
    type Object = &'a [(Cow<'a, str>, Node<'a>)];
    type Array = &'a [Node<'a>];
    type Number = &'a serde_json::Number;

    fn as_object(&self) -> Option<Self::Object> {
        match self {
            Node::Object(entries) => Some(entries),
            _ => None,
        }
    }

    fn as_array(&self) -> Option<Self::Array> {
        match self {
            Node::Array(items) => Some(items),
            _ => None,
        }
    }

    fn as_string(&self) -> Option<Cow<'a, str>> {
        match self {
            Node::String(s) => Some(Cow::Borrowed(s.as_ref())),
            _ => None,
        }
    }

    fn as_number(&self) -> Option<Self::Number> {
        match self {
            Node::Number(n) => Some(n),
            _ => None,
        }
    }

    fn as_boolean(&self) -> Option<bool> {
        match self {
            Node::Bool(b) => Some(*b),
            _ => None,
        }
    }

    fn is_null(&self) -> bool {
        matches!(self, Node::Null)
    }

    fn json_type(&self) -> JsonType {
        match self {
            Node::Null => JsonType::Null,
            Node::Bool(_) => JsonType::Boolean,
            Node::Number(_) => JsonType::Number,
            Node::String(_) => JsonType::String,
            Node::Array(_) => JsonType::Array,
            Node::Object(_) => JsonType::Object,
        }
    }

    fn equals_value(&self, expected: &Value) -> bool {
        // `enum` and `const` compare many strings (question types, difficulties): without
        // building a `Value` for each.
        match (self, expected) {
            (Node::String(s), Value::String(e)) => s.as_ref() == e,
            (Node::String(_), _) | (_, Value::String(_)) => false,
            _ => jsonschema::json::cmp::equal(&self.to_value(), expected),
        }
    }

    fn to_value(&self) -> Cow<'a, Value> {
        Cow::Owned(Node::to_value(self))
    }

    fn identity(&self) -> Option<NodeIdentity> {
        Some(NodeIdentity::new(std::ptr::from_ref::<Node<'a>>(self) as usize))
    }
}

impl<'a> Object<'a, Tree> for &'a [(Cow<'a, str>, Node<'a>)] {
    type Node = &'a Node<'a>;
    type MemberName = &'a str;
    type MembersIter = std::iter::Map<
        std::slice::Iter<'a, (Cow<'a, str>, Node<'a>)>,
        fn(&'a (Cow<'a, str>, Node<'a>)) -> (&'a str, &'a Node<'a>),
    >;

    fn len(&self) -> usize {
        <[_]>::len(self)
    }

    fn get(&self, key: &String) -> Option<&'a Node<'a>> {
        self.iter().find(|(name, _)| name.as_ref() == key.as_str()).map(|(_, value)| value)
    }

    fn members(&self) -> Self::MembersIter {
        self.iter().map(|(name, value)| (name.as_ref(), value))
    }
}

impl<'a> Array<'a, Tree> for &'a [Node<'a>] {
    type Node = &'a Node<'a>;
    type ElementsIter = std::slice::Iter<'a, Node<'a>>;

    fn len(&self) -> usize {
        <[_]>::len(self)
    }

    fn elements(&self) -> Self::ElementsIter {
        self.iter()
    }
}
