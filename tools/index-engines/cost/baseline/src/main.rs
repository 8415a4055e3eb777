//! No dependency: the size and build time every binary has.
fn main() {
    let texts = ["die sporthalle", "der zuschuss des kreises"];
    let hits = texts.iter().filter(|t| t.contains("halle")).count();
    println!("{hits}");
}
