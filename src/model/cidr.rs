//! IPv4 CIDR ranges: parsing, and splitting a VPC's range into subnets at compile time.

/// An IPv4 range `address/prefix`, with the host bits cleared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    /// The first address.
    pub base: u32,
    /// The prefix length, 0 to 32.
    pub prefix: u8,
}

impl Cidr {
    /// Parses `"10.0.0.0/16"`. `Err` says what is wrong; host bits set is an error
    /// (`"10.0.0.1/16"`), as EC2 takes only the network address.
    pub fn parse(text: &str) -> Result<Cidr, String> {
        let (addr, prefix) = text.split_once('/').ok_or_else(|| {
            "a CIDR range is an address and a prefix length, such as `10.0.0.0/16`".to_string()
        })?;
        let prefix: u8 = prefix
            .parse()
            .ok()
            .filter(|p| *p <= 32)
            .ok_or_else(|| format!("`/{prefix}` is not a prefix length (0 to 32)"))?;
        let octets: Vec<u32> = addr
            .split('.')
            .map(|o| {
                o.parse::<u8>()
                    .ok()
                    .filter(|_| !o.is_empty() && (o == "0" || !o.starts_with('0')))
                    .map(u32::from)
            })
            .collect::<Option<Vec<_>>>()
            .filter(|o| o.len() == 4)
            .ok_or_else(|| format!("`{addr}` is not an IPv4 address"))?;
        let base = octets.iter().fold(0u32, |acc, o| (acc << 8) | o);
        let cidr = Cidr { base, prefix };
        if cidr.base & !cidr.mask() != 0 {
            let fixed = Cidr {
                base: base & cidr.mask(),
                prefix,
            };
            return Err(format!(
                "`{text}` has host bits set; the range starts at `{fixed}`"
            ));
        }
        Ok(cidr)
    }

    /// The network mask.
    pub fn mask(&self) -> u32 {
        if self.prefix == 0 {
            0
        } else {
            u32::MAX << (32 - u32::from(self.prefix))
        }
    }

    /// Number of addresses.
    pub fn size(&self) -> u64 {
        1u64 << (32 - u32::from(self.prefix))
    }

    /// Whether `other` lies inside this range.
    pub fn contains(&self, other: &Cidr) -> bool {
        other.prefix >= self.prefix && (other.base & self.mask()) == self.base
    }

    /// `count` consecutive subnets of prefix length `prefix` from the start of this
    /// range, or `None` when they do not fit.
    pub fn split(&self, prefix: u8, count: usize) -> Option<Vec<Cidr>> {
        if prefix < self.prefix || prefix > 32 {
            return None;
        }
        let size = 1u64 << (32 - u32::from(prefix));
        if size.checked_mul(count as u64)? > self.size() {
            return None;
        }
        (0..count as u64)
            .map(|i| {
                let base = u64::from(self.base) + i * size;
                u32::try_from(base).ok().map(|base| Cidr { base, prefix })
            })
            .collect()
    }

    /// The prefix that splits this range evenly into at least `count` subnets.
    pub fn even_prefix(&self, count: usize) -> u8 {
        let bits = usize::BITS - count.max(1).saturating_sub(1).leading_zeros();
        self.prefix
            .saturating_add(u8::try_from(bits).unwrap_or(u8::MAX))
    }
}

impl std::fmt::Display for Cidr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let [a, b, c, d] = self.base.to_be_bytes();
        write!(f, "{a}.{b}.{c}.{d}/{}", self.prefix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_splits() {
        let vpc = Cidr::parse("10.0.0.0/16").unwrap();
        assert_eq!(vpc.even_prefix(4), 18);
        assert_eq!(vpc.even_prefix(6), 19);
        assert_eq!(vpc.even_prefix(2), 17);
        assert_eq!(vpc.even_prefix(1), 16);
        let subnets: Vec<String> = vpc
            .split(18, 4)
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(
            subnets,
            [
                "10.0.0.0/18",
                "10.0.64.0/18",
                "10.0.128.0/18",
                "10.0.192.0/18"
            ]
        );
        assert!(vpc.split(17, 3).is_none());
        assert!(vpc.split(15, 1).is_none());
        assert!(vpc.contains(&Cidr::parse("10.0.3.0/24").unwrap()));
        assert!(!vpc.contains(&Cidr::parse("10.1.0.0/24").unwrap()));
    }

    #[test]
    fn rejects_bad_ranges() {
        for bad in [
            "10.0.0.0",
            "10.0.0/16",
            "10.0.0.0/33",
            "256.0.0.0/16",
            "10.0.0.1/16",
            "a.b.c.d/8",
            "01.0.0.0/8",
        ] {
            assert!(Cidr::parse(bad).is_err(), "{bad}");
        }
        assert!(Cidr::parse("0.0.0.0/0").is_ok());
    }
}
