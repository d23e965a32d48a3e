//! A byte cursor for the fixed-format wire grammars.

/// Why a text was rejected.
pub(crate) type Reason = &'static str;

/// Fractional seconds: at most 12 digits (OData's grammar); digits past
/// the ninth are read but not kept.
const MAX_FRACTION_DIGITS: usize = 12;

/// Reads ASCII text from left to right.
pub(crate) struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Scanner {
            bytes: text.as_bytes(),
            pos: 0,
        }
    }

    pub(crate) fn at_end(&self) -> bool {
        self.pos == self.bytes.len()
    }

    pub(crate) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Consumes `byte` if it is next.
    pub(crate) fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.pos += 1;
        }
        found
    }

    /// Consumes the next byte if it is one of `set`.
    pub(crate) fn eat_any(&mut self, set: &[u8]) -> Option<u8> {
        let byte = self.peek().filter(|byte| set.contains(byte))?;
        self.pos += 1;
        Some(byte)
    }

    /// Requires `byte` next.
    pub(crate) fn expect(&mut self, byte: u8, reason: Reason) -> Result<(), Reason> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(reason)
        }
    }

    /// Exactly `count` digits as a number.
    pub(crate) fn fixed(&mut self, count: usize, reason: Reason) -> Result<u32, Reason> {
        let digits = self
            .bytes
            .get(self.pos..self.pos + count)
            .filter(|digits| digits.iter().all(u8::is_ascii_digit))
            .ok_or(reason)?;
        self.pos += count;
        Ok(digits
            .iter()
            .fold(0, |n, digit| n * 10 + u32::from(digit - b'0')))
    }

    /// One or more digits as a number; `None` when no digit is next.
    pub(crate) fn number(&mut self) -> Option<Result<u64, Reason>> {
        let start = self.pos;
        let mut value: Option<u64> = Some(0);
        while let Some(digit) = self.peek().filter(u8::is_ascii_digit) {
            value = value
                .and_then(|n| n.checked_mul(10))
                .and_then(|n| n.checked_add(u64::from(digit - b'0')));
            self.pos += 1;
        }
        (self.pos > start).then_some(value.ok_or("number too large"))
    }

    /// The digits after a `.`, as nanoseconds (extra digits truncated).
    pub(crate) fn fraction(&mut self) -> Result<u32, Reason> {
        let start = self.pos;
        while self.peek().is_some_and(|byte| byte.is_ascii_digit()) {
            self.pos += 1;
        }
        let digits = &self.bytes[start..self.pos];
        if digits.is_empty() {
            return Err("expected digits after '.'");
        }
        if digits.len() > MAX_FRACTION_DIGITS {
            return Err("more than 12 fractional digits");
        }
        let nanos = (0..9).fold(0, |n, index| {
            n * 10 + digits.get(index).map_or(0, |digit| u32::from(digit - b'0'))
        });
        Ok(nanos)
    }
}

/// Fractional seconds as Graph writes them: none for whole seconds, seven
/// digits (.NET ticks) when that is exact, else nine.
pub(crate) fn push_fraction(out: &mut String, nanosecond: u32) {
    if nanosecond == 0 {
        return;
    }
    let ticks = nanosecond / 100;
    if ticks * 100 == nanosecond {
        out.push_str(&format!(".{ticks:07}"));
    } else {
        out.push_str(&format!(".{nanosecond:09}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions() {
        let nanos = |text: &str| Scanner::new(text).fraction();
        assert_eq!(nanos("5"), Ok(500_000_000));
        assert_eq!(nanos("1329464"), Ok(132_946_400));
        assert_eq!(nanos("123456789999"), Ok(123_456_789));
        assert!(nanos("").is_err());
        assert!(nanos("1234567890123").is_err());
        let mut out = String::new();
        push_fraction(&mut out, 132_946_400);
        push_fraction(&mut out, 1);
        push_fraction(&mut out, 0);
        assert_eq!(out, ".1329464.000000001");
    }

    #[test]
    fn numbers() {
        let mut scanner = Scanner::new("18446744073709551615x");
        assert_eq!(scanner.number(), Some(Ok(u64::MAX)));
        assert_eq!(scanner.number(), None);
        assert_eq!(
            Scanner::new("18446744073709551616").number(),
            Some(Err("number too large"))
        );
        assert!(Scanner::new("12").fixed(3, "short").is_err());
    }
}
