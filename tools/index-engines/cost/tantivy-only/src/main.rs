//! tantivy alone: an index in RAM, two texts, one phrase query of trigrams.
use tantivy::collector::Count;
use tantivy::query::PhraseQuery;
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{NgramTokenizer, TextAnalyzer};
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

fn main() -> tantivy::Result<()> {
    let mut schema = Schema::builder();
    let options = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("trigrams")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let text = schema.add_text_field("text", options);
    let index = Index::create_in_ram(schema.build());
    let analyzer = TextAnalyzer::builder(NgramTokenizer::new(3, 3, false)?).build();
    index.tokenizers().register("trigrams", analyzer);
    let mut writer: IndexWriter = index.writer(15_000_000)?;
    for t in ["die sporthalle", "der zuschuss des kreises"] {
        let mut doc = TantivyDocument::new();
        doc.add_text(text, t);
        writer.add_document(doc)?;
    }
    writer.commit()?;
    let terms = ["hal", "all", "lle"].map(|g| Term::from_field_text(text, g));
    let query = PhraseQuery::new(terms.to_vec());
    let hits = index.reader()?.searcher().search(&query, &Count)?;
    println!("{hits}");
    Ok(())
}
