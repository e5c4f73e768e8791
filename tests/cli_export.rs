//! `rotation-lens export-chart` and `rotation-lens report` end to end: the built binary, with no
//! display (`DISPLAY` and `WAYLAND_DISPLAY` unset), on real downloaded files.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real")
        .join(relative)
}

const ROTATION: [&str; 3] = ["yfinance/^RUT.csv", "yfinance/^NDX.csv", "yfinance/SPY.csv"];

/// Runs the binary headless: no display variables at all.
fn run(command: &str, out: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rotation-lens"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .arg(command)
        .arg(out)
        .args(ROTATION.iter().map(|f| fixture(f)))
        .args(args)
        .output()
        .unwrap()
}

fn ok(output: &Output) {
    assert!(
        output.status.success(),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The decoded PNG: (width, height, RGB bytes).
fn decode(path: &Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgb);
    pixels.truncate(info.buffer_size());
    (info.width, info.height, pixels)
}

#[test]
fn a_png_of_the_exact_size_with_lines_in_the_plot_area() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("charts").join("rotation.png");
    let output = run(
        "export-chart",
        &out,
        &[
            "--range",
            "YTD",
            "--as-of",
            "2020-11-13",
            "--size",
            "1200x700",
            "--scale",
            "2",
        ],
    );
    ok(&output);
    assert!(String::from_utf8_lossy(&output.stdout).contains("rotation.png"));
    let (width, height, pixels) = decode(&out);
    assert_eq!((width, height), (1200, 700));
    // The three series' colours (the palette's first three) in the plot area: the middle of
    // the picture, away from the title, legend and axes.
    let at = |x: u32, y: u32| {
        let i = ((y * width + x) * 3) as usize;
        [pixels[i], pixels[i + 1], pixels[i + 2]]
    };
    let white = [255, 255, 255];
    let mut coloured = 0;
    for y in height * 30 / 100..height * 80 / 100 {
        for x in width * 20 / 100..width * 95 / 100 {
            let [r, g, b] = at(x, y);
            let spread = r.max(g).max(b) - r.min(g).min(b);
            if spread > 60 {
                coloured += 1;
            }
        }
    }
    assert!(
        coloured > 2_000,
        "{coloured} coloured pixels in the plot area"
    );
    assert_eq!(at(2, 2), white, "light theme: white background");
    // The dark theme is dark.
    let dark = folder.path().join("dark.png");
    ok(&run(
        "export-chart",
        &dark,
        &["--theme", "dark", "--size", "800x450", "--scale", "1"],
    ));
    let (w, h, pixels) = decode(&dark);
    assert_eq!((w, h), (800, 450));
    assert!(pixels[0] < 60 && pixels[1] < 60 && pixels[2] < 60);
}

#[test]
fn an_svg_that_parses_with_title_series_names_and_subtitle() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("rotation.svg");
    ok(&run(
        "export-chart",
        &out,
        &[
            "--range",
            "YTD",
            "--as-of",
            "2020-11-13",
            "--title",
            "Small caps & tech",
        ],
    ));
    let svg = std::fs::read_to_string(&out).unwrap();
    check_xml(&svg);
    assert!(svg.contains(r#"width="1600" height="900" viewBox="0 0 800 450""#));
    assert!(svg.contains(">Small caps &amp; tech</text>"), "the title");
    for name in ["^RUT", "^NDX", "SPY"] {
        assert!(
            svg.contains(&format!(">{name}</text>")),
            "legend entry {name}"
        );
    }
    assert!(svg.contains(">Rebased to 100 on 2019-12-31 · YTD to 2020-11-13</text>"));
    assert!(svg.contains("Source: ^RUT.csv, ^NDX.csv, SPY.csv (Yahoo Finance) · Rotation Lens "));
    let value_labels = svg.matches(r#"text-anchor="end""#).count();
    assert!(value_labels >= 4, "{value_labels} value labels");
}

#[test]
fn every_tab_exports_and_failures_say_why() {
    let folder = tempfile::tempdir().unwrap();
    for tab in ["performance", "relative", "spread", "drawdown", "rolling"] {
        let out = folder.path().join(format!("{tab}.svg"));
        ok(&run("export-chart", &out, &["--tab", tab, "--range", "1Y"]));
        let svg = std::fs::read_to_string(&out).unwrap();
        check_xml(&svg);
        assert!(svg.contains("<polyline"), "{tab}");
    }
    let relative = std::fs::read_to_string(folder.path().join("relative.svg")).unwrap();
    assert!(
        relative.contains(">^RUT / ^NDX</text>"),
        "the suggested pair"
    );
    let bad = run("export-chart", &folder.path().join("chart.jpg"), &[]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("must end in .png or .svg"));
    let small = run(
        "export-chart",
        &folder.path().join("small.png"),
        &["--size", "300x200"],
    );
    assert!(!small.status.success());
    assert!(String::from_utf8_lossy(&small.stderr).contains("needs at least"));
    assert!(!folder.path().join("small.png").exists());
}

#[test]
fn a_self_contained_html_report_with_table_values_and_findings() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("report.html");
    ok(&run("report", &out, &["--as-of", "2020-11-13"]));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<title>^RUT vs ^NDX vs SPY</title>"));
    assert!(html.contains("As of 2020-11-13"));
    // The findings are those `metrics` prints for the same files and date.
    let metrics = Command::new(env!("CARGO_BIN_EXE_rotation-lens"))
        .arg("metrics")
        .args(ROTATION.iter().map(|f| fixture(f)))
        .args(["--as-of", "2020-11-13", "--json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&metrics.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for finding in findings {
        let text = finding.as_str().unwrap();
        let escaped = text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(html.contains(&escaped), "finding {text:?}");
    }
    // SPY's row: its adjusted close of 2020-11-13 in the file is 350.79962.
    assert!(
        html.contains(
            "<tr><td>SPY</td><td class=\"num\">2020-11-13</td><td class=\"num\">350.80</td>"
        ),
        "SPY's row"
    );
    assert!(html.contains("<figure><svg"), "the chart inline");
    assert!(html.contains("Yahoo Finance"));
    assert!(html.contains("@media print"));
    // Nothing loaded from the network: the only URL is the SVG namespace.
    let without_namespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assert!(!without_namespace.contains("http://"));
    assert!(!without_namespace.contains("https://"));
}

/// A small well-formedness check: tags nest and close, attributes are quoted, entities known.
fn check_xml(text: &str) {
    let body = text
        .trim_start()
        .strip_prefix(r#"<?xml version="1.0" encoding="UTF-8"?>"#)
        .unwrap_or(text);
    let mut stack: Vec<String> = Vec::new();
    let mut rest = body;
    let mut roots = 0;
    while let Some(start) = rest.find('<') {
        check_text(&rest[..start]);
        let Some(end) = rest[start..].find('>') else {
            panic!("an unclosed tag");
        };
        let tag = &rest[start + 1..start + end];
        rest = &rest[start + end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(
                stack.pop().as_deref(),
                Some(name.trim()),
                "mismatched </{name}>"
            );
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let name = tag
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string();
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()),
            "tag {tag:?}"
        );
        let attributes = &tag[name.len()..];
        assert_eq!(
            attributes.matches('"').count() % 2,
            0,
            "unbalanced quotes in {tag:?}"
        );
        if stack.is_empty() {
            roots += 1;
        }
        if !self_closing {
            stack.push(name);
        }
    }
    check_text(rest);
    assert!(stack.is_empty(), "unclosed {stack:?}");
    assert_eq!(roots, 1, "one root element");
}

fn check_text(text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        let entity = &rest[at..rest[at..].find(';').map_or(rest.len(), |e| at + e + 1)];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].contains(&entity),
            "unknown entity {entity:?}"
        );
        rest = &rest[at + 1..];
    }
}

#[test]
fn the_rotation_tab_as_png_and_svg() {
    let folder = tempfile::tempdir().unwrap();
    let args = [
        "--tab",
        "rotation",
        "--as-of",
        "2020-11-13",
        "--size",
        "1200x800",
        "--scale",
        "1.5",
    ];
    let png_out = folder.path().join("rotation.png");
    ok(&run("export-chart", &png_out, &args));
    let (width, height, pixels) = decode(&png_out);
    assert_eq!((width, height), (1200, 800));
    // The Leading quadrant's light green shading fills the upper right of the plot.
    let green = pixels
        .chunks(3)
        .filter(|p| p[1] > p[0].saturating_add(8) && p[1] > p[2].saturating_add(4) && p[0] > 200)
        .count();
    assert!(green > 20_000, "{green} pixels of light green");
    let svg_out = folder.path().join("rotation.svg");
    ok(&run("export-chart", &svg_out, &args));
    let svg = std::fs::read_to_string(&svg_out).unwrap();
    assert!(svg.contains(">^RUT</text>"), "{}", &svg[..400]);
    assert!(svg.contains(">LAGGING</text>"));
    assert!(svg.contains(">Rotation against SPY</text>"));
    assert!(svg.contains(r#"width="1200" height="800""#));
}
