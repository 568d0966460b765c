//! The checks run on every edit in the count screen: on a full TK2025 Nijmegen sheet
//! (24 lists, ~1,100 candidates, all typed) they must not be noticed.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use meetel::checks::{self, CountView};
use meetel::form::Form;
use meetel::sheet::{DhTick, FieldKey, Op, Sheet};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let form = Form::load("tk2025-nijmegen").unwrap();
    let path = Path::new("tests/fixtures/tk2025/Telling_TK2025_gemeente_West_Maas_en_Waal.eml.xml");
    let published = meetel::published::read_file(path).unwrap().remove(0);
    let mut sheet = Sheet::new(meetel::testkit::form_header(
        &form,
        published.station.id.clone(),
        "bench",
    ));
    for (&field, &value) in &published.counts {
        sheet.apply(&Op::SetCount {
            field,
            value: Some(value),
        });
        if let FieldKey::List(n) = field {
            sheet.apply(&Op::SetCount {
                field: FieldKey::ListPage(n),
                value: Some(value),
            });
        }
    }
    sheet.apply(&Op::SetDhTick(Some(DhTick::Equal)));

    c.bench_function("checks::run, full TK sheet with form", |b| {
        b.iter(|| checks::run(&CountView::from_sheet(black_box(&sheet)).with_form(&form)))
    });
    c.bench_function("checks::evaluate, full TK sheet with form", |b| {
        b.iter(|| checks::evaluate(&CountView::from_sheet(black_box(&sheet)).with_form(&form)))
    });
    c.bench_function("checks::run, published station", |b| {
        b.iter(|| checks::run(&CountView::from_published(black_box(&published))))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
