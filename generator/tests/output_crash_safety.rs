//! Kill the real `docgen generate` at random points, again and again: after
//! each kill `--out` is the complete old output or the complete new one, or
//! holds a journal whose recovery (what the next run does first) gives the
//! complete new one; the user's files are untouched throughout.
//! Set DOCGEN_KILL_SEED to repeat a sequence.
#![cfg(unix)]

mod support;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use support::*;

const ROUNDS: usize = 40;

/// xorshift64*: enough to spread kill points, repeatable from the seed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, limit: Duration) -> Duration {
        let micros = limit.as_micros().max(1) as u64;
        Duration::from_micros(self.next() % micros)
    }
}

fn seed() -> u64 {
    std::env::var("DOCGEN_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap();
            now.as_nanos() as u64 | 1
        })
}

/// How long a full run takes, and how long from the first staged file
/// (`.docgen/staging` appearing) to the end.
fn calibrate(docs: &Path, out: &Path) -> (Duration, Duration) {
    let start = Instant::now();
    let mut child = generate_command(docs, out, &[])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let staging = out.join(".docgen/staging");
    let mut staged_at = None;
    while child.try_wait().unwrap().is_none() {
        if staged_at.is_none() && staging.exists() {
            staged_at = Some(start.elapsed());
        }
    }
    let total = start.elapsed();
    (total, total - staged_at.unwrap_or(total / 2))
}

type Snapshot = BTreeMap<String, Vec<u8>>;

/// One interrupted run from `old` to `new`: which state `--out` was left in.
fn killed_run(
    docs: &Path,
    out: &Path,
    wait: Duration,
    after_staging: bool,
) -> std::process::ExitStatus {
    let mut child = generate_command(docs, out, &[])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let staging = out.join(".docgen/staging");
    if after_staging {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !staging.exists() && child.try_wait().unwrap().is_none() {
            assert!(Instant::now() < deadline, "no staging folder appeared");
        }
    }
    std::thread::sleep(wait);
    let _ = child.kill();
    child.wait().unwrap()
}

#[test]
fn after_a_kill_at_any_point_out_is_the_old_or_the_new_output() {
    let seed = seed();
    println!("DOCGEN_KILL_SEED={seed}");
    let mut random = Random(seed);
    let base = fresh("crash-safety");
    let (a, b) = checkouts(&base);
    let expected = |docs: &Path, name: &str| -> Snapshot {
        let dir = base.join(name);
        generate_ok(docs, &dir);
        snapshot(&dir)
    };
    let outputs = [
        (a.clone(), expected(&a, "expected-a")),
        (b.clone(), expected(&b, "expected-b")),
    ];
    let out = base.join("out");
    generate_ok(&a, &out);
    add_user_files(&out);
    let (full, write_phase) = calibrate(&b, &base.join("calibration"));
    println!("full run {full:?}, from staging to exit {write_phase:?}");

    let mut current = 0;
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for round in 0..ROUNDS {
        let target = 1 - current;
        let after_staging = round % 2 == 1;
        let limit = if after_staging {
            write_phase * 3 / 2
        } else {
            full * 6 / 5
        };
        let wait = random.below(limit);
        let status = killed_run(&outputs[target].0, &out, wait, after_staging);
        let journal = out.join(".docgen/journal").exists();
        let state = output_part(&snapshot(&out));
        let context =
            format!("round {round}, seed {seed}, wait {wait:?}, after staging {after_staging}");
        if !journal {
            assert!(
                state == outputs[current].1 || state == outputs[target].1,
                "{context}: neither the old nor the new output"
            );
        }
        let played = docgen::write::recover(&out).unwrap_or_else(|e| panic!("{context}: {e}"));
        assert_eq!(played, journal, "{context}");
        let state = snapshot(&out);
        let recovered = output_part(&state);
        assert_eq!(
            state
                .keys()
                .filter(|p| p.starts_with(".docgen/"))
                .collect::<Vec<_>>(),
            [".docgen/manifest"],
            "{context}: recovery leaves only the manifest"
        );
        let outcome = if recovered == outputs[target].1 {
            current = target;
            if journal {
                "new, after recovery"
            } else if status.success() {
                "new, run finished"
            } else {
                "new, killed after the last step"
            }
        } else if recovered == outputs[current].1 {
            assert!(!journal, "{context}: a journal must end in the new output");
            "old"
        } else {
            panic!("{context}: neither the old nor the new output after recovery");
        };
        *seen.entry(outcome).or_default() += 1;
        assert_user_files(&out);
    }
    println!("outcomes over {ROUNDS} kills: {seen:?}");
    // A run after all this ends in its output, complete.
    generate_ok(&outputs[1 - current].0, &out);
    assert_eq!(output_part(&snapshot(&out)), outputs[1 - current].1);
    assert_user_files(&out);
}
