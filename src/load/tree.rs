//! A compact document for the YAML that the line reader ([`super::quick`]) reads: the shape of a
//! `serde_json::Value`, in about a third of its memory.
//!
//! A bank of 10,000 questions made a 47 MB `Value` document, one allocation per string, key and
//! map index, all of it memory the process touches for the first time (the kernel zeroes every
//! page of it). Here strings and keys borrow from the bank's text wherever they read as written
//! (plain scalars, quoted scalars without escapes), and a container is one allocation. The schema
//! check reads it through [`crate::schema`]'s adapter, and the typed bank is deserialized from it
//! directly ([`serde::Deserializer`] below); [`Node::to_value`] builds the `Value` for the rare
//! paths that need one (listing schema errors, tests).

use std::borrow::Cow;

use serde::de::{self, IntoDeserializer as _, Visitor};
use serde_json::{Map, Number, Value};

/// One node: JSON's six kinds, with mapping entries in document order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node<'t> {
    /// `null`, `~` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer or a float.
    Number(Number),
    /// Text, borrowed from the bank where it reads as written.
    String(Cow<'t, str>),
    /// A sequence.
    Array(Vec<Node<'t>>),
    /// A mapping; keys are unique (the reader refuses duplicates).
    Object(Vec<(Cow<'t, str>, Node<'t>)>),
}

impl Node<'_> {
    /// The same document as a `serde_json::Value`.
    pub(crate) fn to_value(&self) -> Value {
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Number(n) => Value::Number(n.clone()),
            Node::String(s) => Value::String(s.as_ref().to_owned()),
            Node::Array(items) => Value::Array(items.iter().map(Node::to_value).collect()),
            Node::Object(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.as_ref().to_owned(), v.to_value()))
                    .collect::<Map<_, _>>(),
            ),
        }
    }

    /// Rewrites every number with no fractional part (`1.0`) as an integer, in place (see
    /// [`whole_integer`]).
    pub(crate) fn whole_floats_to_integers(&mut self) {
        match self {
            Node::Number(n) => {
                if let Some(whole) = whole_integer(n) {
                    *n = whole;
                }
            }
            Node::Array(items) => items.iter_mut().for_each(Node::whole_floats_to_integers),
            Node::Object(entries) => {
                for (_, value) in entries {
                    value.whole_floats_to_integers();
                }
            }
            _ => {}
        }
    }

    fn unexpected(&self) -> de::Unexpected<'_> {
        match self {
            Node::Null => de::Unexpected::Unit,
            Node::Bool(b) => de::Unexpected::Bool(*b),
            Node::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => de::Unexpected::Unsigned(u),
                (None, Some(i), _) => de::Unexpected::Signed(i),
                (None, None, f) => de::Unexpected::Float(f.unwrap_or_default()),
            },
            Node::String(s) => de::Unexpected::Str(s),
            Node::Array(_) => de::Unexpected::Seq,
            Node::Object(_) => de::Unexpected::Map,
        }
    }
}

/// The integer a float stands for when it has no fractional part and is exactly representable
/// (below 2^53 every integer is); `None` for integers and other floats.
pub(crate) fn whole_integer(n: &Number) -> Option<Number> {
    let x = n
        .as_f64()
        .filter(|x| n.is_f64() && x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0)?;
    #[allow(clippy::cast_possible_truncation)] // whole and below 2^53: exact
    Some(Number::from(x as i64))
}

/// Typed values are read straight from the tree, as `serde_json` reads them from a `&Value`
/// (same error type, so messages and the whole-float retry are the same).
impl<'de> de::Deserializer<'de> for &'de Node<'_> {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self {
            Node::Null => visitor.visit_unit(),
            Node::Bool(b) => visitor.visit_bool(*b),
            Node::Number(n) => n.deserialize_any(visitor),
            Node::String(s) => visitor.visit_borrowed_str(s.as_ref()),
            Node::Array(items) => {
                let mut seq = Seq { items: items.iter() };
                let value = visitor.visit_seq(&mut seq)?;
                match seq.items.len() {
                    0 => Ok(value),
                    _ => {
                        Err(de::Error::invalid_length(items.len(), &"fewer elements in the array"))
                    }
                }
            }
            Node::Object(entries) => {
                let mut map = Entries { entries: entries.iter(), value: None };
                let value = visitor.visit_map(&mut map)?;
                match map.entries.len() {
                    0 => Ok(value),
                    _ => Err(de::Error::invalid_length(entries.len(), &"fewer entries in the map")),
                }
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self {
            Node::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self {
            Node::Null => visitor.visit_unit(),
            _ => Err(de::Error::invalid_type(self.unexpected(), &visitor)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self {
            Node::String(s) => visitor.visit_enum(s.as_ref().into_deserializer()),
            Node::Object(entries) if entries.len() == 1 => {
                let (variant, value) = (&entries[0].0, &entries[0].1);
                visitor.visit_enum(Variant { name: variant.as_ref(), value })
            }
            _ => Err(de::Error::invalid_type(self.unexpected(), &"a string or a map of one key")),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// The elements of a sequence, for `visit_seq`.
struct Seq<'de, 't> {
    items: std::slice::Iter<'de, Node<'t>>,
}

impl<'de> de::SeqAccess<'de> for Seq<'de, '_> {
    type Error = serde_json::Error;

    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Self::Error> {
        self.items.next().map(|item| seed.deserialize(item)).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// The entries of a mapping, for `visit_map`.
struct Entries<'de, 't> {
    entries: std::slice::Iter<'de, (Cow<'t, str>, Node<'t>)>,
    value: Option<&'de Node<'t>>,
}

impl<'de> de::MapAccess<'de> for Entries<'de, '_> {
    type Error = serde_json::Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        let Some((key, value)) = self.entries.next() else { return Ok(None) };
        self.value = Some(value);
        let key: &'de str = key.as_ref();
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key)).map(Some)
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(value),
            None => Err(de::Error::custom("a map value was asked for before its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// An enum written as a map of one key: the variant's name and its content.
struct Variant<'de, 't> {
    name: &'de str,
    value: &'de Node<'t>,
}

impl<'de, 't> de::EnumAccess<'de> for Variant<'de, 't> {
    type Error = serde_json::Error;
    type Variant = &'de Node<'t>;

    fn variant_seed<V: de::DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), Self::Error> {
        let name = seed.deserialize(de::value::BorrowedStrDeserializer::new(self.name))?;
        Ok((name, self.value))
    }
}

impl<'de> de::VariantAccess<'de> for &'de Node<'_> {
    type Error = serde_json::Error;

    fn unit_variant(self) -> Result<(), Self::Error> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<T: de::DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, Self::Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    fn s(text: &str) -> Node<'_> {
        Node::String(Cow::Borrowed(text))
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields, rename_all = "kebab-case")]
    struct Sample {
        name: String,
        count: u32,
        ratio: Option<f64>,
        #[serde(default)]
        tags: Vec<String>,
        kind: Kind,
        shape: Shape,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "kebab-case")]
    enum Kind {
        TrueFalse,
        Open,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "kebab-case")]
    enum Shape {
        Square(u32),
        Rect { w: u32, h: u32 },
    }

    fn sample(count: Node<'static>) -> Node<'static> {
        Node::Object(vec![
            ("name".into(), s("x")),
            ("count".into(), count),
            ("ratio".into(), Node::Null),
            ("tags".into(), Node::Array(vec![s("a"), Node::String(Cow::Owned("b".into()))])),
            ("kind".into(), s("true-false")),
            ("shape".into(), Node::Object(vec![("square".into(), Node::Number(3.into()))])),
        ])
    }

    /// The tree deserializes as the `Value` it stands for does, and fails the same way.
    #[test]
    fn typed_values_read_as_from_a_value() {
        let tree = sample(Node::Number(2.into()));
        let from_tree = Sample::deserialize(&tree).unwrap();
        assert_eq!(from_tree, Sample::deserialize(&tree.to_value()).unwrap());
        assert_eq!(from_tree.kind, Kind::TrueFalse);
        assert_eq!(from_tree.shape, Shape::Square(3));
        let rect = Node::Object(vec![(
            "rect".into(),
            Node::Object(vec![
                ("w".into(), Node::Number(1.into())),
                ("h".into(), Node::Number(2.into())),
            ]),
        )]);
        assert_eq!(Shape::deserialize(&rect).unwrap(), Shape::Rect { w: 1, h: 2 });

        let mut float = sample(Node::Number(Number::from_f64(2.0).unwrap()));
        let tree_error = Sample::deserialize(&float).unwrap_err().to_string();
        let value_error = Sample::deserialize(&float.to_value()).unwrap_err().to_string();
        assert_eq!(tree_error, value_error);
        assert!(tree_error.contains("floating"), "{tree_error}");
        float.whole_floats_to_integers();
        assert_eq!(Sample::deserialize(&float).unwrap().count, 2);

        let Node::Object(mut entries) = sample(Node::Number(2.into())) else { unreachable!() };
        entries.push(("extra".into(), Node::Null));
        let unknown = Node::Object(entries);
        assert_eq!(
            Sample::deserialize(&unknown).unwrap_err().to_string(),
            Sample::deserialize(&unknown.to_value()).unwrap_err().to_string()
        );
        assert!(Sample::deserialize(&s("x")).is_err());
    }

    #[test]
    fn to_value_keeps_order_and_kinds() {
        let tree = Node::Object(vec![
            ("b".into(), Node::Bool(true)),
            ("a".into(), Node::Array(vec![Node::Null, Node::Number((-1).into()), s("t")])),
        ]);
        assert_eq!(
            serde_json::to_string(&tree.to_value()).unwrap(),
            r#"{"b":true,"a":[null,-1,"t"]}"#
        );
    }
}
