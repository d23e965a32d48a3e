//! `devtools features-additive`: features must stay additive, so any set of
//! them compiles. Checks random (seeded, printed) pairs and triples of a
//! generated crate's area and part features together with `cargo check`.

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use clap::Args;

use crate::error::Error;

#[derive(Args)]
pub struct AdditiveArgs {
    /// The generated crate (its Cargo.toml lists the features).
    #[arg(long = "crate")]
    pub crate_dir: PathBuf,
    /// Target folder for the checks.
    #[arg(long)]
    pub target: PathBuf,
    /// The random seed (default: from the clock; printed either way).
    #[arg(long)]
    pub seed: Option<u64>,
    #[arg(long, default_value_t = 6)]
    pub pairs: usize,
    #[arg(long, default_value_t = 4)]
    pub triples: usize,
}

pub fn run(args: AdditiveArgs) -> Result<(), Error> {
    let manifest_path = args.crate_dir.join("Cargo.toml");
    let manifest = fs::read_to_string(&manifest_path).map_err(Error::io(&manifest_path))?;
    let features = candidates(&manifest);
    let seed = args.seed.unwrap_or_else(|| {
        let now = SystemTime::now().duration_since(UNIX_EPOCH);
        now.map(|d| d.as_secs()).unwrap_or(1)
    });
    println!(
        "features-additive: seed {seed} ({} area and part features)",
        features.len()
    );
    let mut random = XorShift(seed.max(1));
    let sizes = std::iter::repeat_n(2, args.pairs).chain(std::iter::repeat_n(3, args.triples));
    for size in sizes {
        let mut chosen = BTreeSet::new();
        while chosen.len() < size.min(features.len()) {
            chosen.insert(features[random.below(features.len())].as_str());
        }
        let list: Vec<&str> = chosen.into_iter().collect();
        check(&args, &list.join(","))?;
    }
    Ok(())
}

/// Area and part features: not `default`, `full`, a version, `-full` or `-models`.
fn candidates(manifest: &str) -> Vec<String> {
    let table = manifest.split("[features]\n").nth(1).unwrap_or_default();
    table
        .lines()
        .take_while(|l| !l.trim().is_empty() && !l.starts_with('['))
        .filter_map(|l| l.split_once(" = ").map(|(name, _)| name.trim().to_owned()))
        .filter(|f| f.contains('-') && !f.ends_with("-full") && !f.ends_with("-models"))
        .collect()
}

fn check(args: &AdditiveArgs, features: &str) -> Result<(), Error> {
    let start = Instant::now();
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command
        .args([
            "check",
            "--quiet",
            "--no-default-features",
            "--features",
            features,
        ])
        .current_dir(&args.crate_dir)
        .env("CARGO_TARGET_DIR", &args.target)
        .env_remove("RUSTFLAGS");
    let output = command.output().map_err(Error::io(command.get_program()))?;
    if !output.status.success() {
        return Err(Error::Command {
            command: format!("cargo check --features {features}"),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        });
    }
    println!(
        "  ok {:>5.1} s  --features {features}",
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

/// A small deterministic generator (xorshift64): the same seed picks the
/// same features on every machine.
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_are_the_area_and_part_features() {
        let manifest = "[package]\nname = \"x\"\n\n[features]\ndefault = []\nfull = [\"v1_0\"]\nv1_0 = []\nv1_0-full = []\nv1_0-models = [\"v1_0\"]\nv1_0-me = [\"v1_0-me-root\"]\nv1_0-me-root = [\"v1_0\"]\n\n[workspace]\n";
        assert_eq!(candidates(manifest), ["v1_0-me", "v1_0-me-root"]);
    }

    #[test]
    fn the_same_seed_picks_the_same_indexes() {
        let picks = |seed| {
            let mut r = XorShift(seed);
            (0..5).map(|_| r.below(900)).collect::<Vec<_>>()
        };
        assert_eq!(picks(7), picks(7));
        assert_ne!(picks(7), picks(8));
    }
}
