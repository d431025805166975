//! Properties of the value comparators: symmetry, and a refinement never conflicts.

use concord::calendar::{days_in_month, CivilDate};
use concord::value::{
    DateMod, DateSpan, DateValue, EntityKind, EntityValue, Granularity, Quantity, RelationKind,
};
use proptest::prelude::*;

fn day() -> impl Strategy<Value = CivilDate> {
    (1900i32..2100, 1u8..=12, 1u8..=31)
        .prop_map(|(y, m, d)| CivilDate::new(y, m, d.min(days_in_month(y, m))).unwrap())
}

fn date_value() -> impl Strategy<Value = DateValue> {
    prop_oneof![
        day().prop_map(DateValue::day),
        day().prop_map(|d| DateValue::month(d.year, d.month).unwrap()),
        day().prop_map(|d| DateValue::year(d.year)),
        (1u8..=12, proptest::option::of(1u8..=28)).prop_map(|(m, d)| DateValue::year_less(m, d)),
        (
            day(),
            0i64..200,
            proptest::option::of(prop_oneof![
                Just(DateMod::Start),
                Just(DateMod::Mid),
                Just(DateMod::End),
                Just(DateMod::Approx)
            ])
        )
            .prop_map(|(d, len, modifier)| DateValue {
                display: "range".into(),
                timex: "X".into(),
                granularity: Granularity::Month,
                modifier,
                span: DateSpan::Interval {
                    first: d,
                    last: d.add_days(len)
                },
            }),
    ]
}

fn quantity() -> impl Strategy<Value = Quantity> {
    prop_oneof![
        (0u32..200).prop_map(|n| Quantity::exact(n as f64, n.to_string())),
        (0u32..200, 0u32..200, any::<bool>()).prop_map(|(a, w, open)| Quantity {
            display: "range".into(),
            min: a as f64,
            max: (!open).then_some((a + w) as f64),
            unit: None,
            exact: false,
        }),
    ]
}

fn entity() -> impl Strategy<Value = EntityValue> {
    let names = [
        "John Smith",
        "Gov. John Smith",
        "Governor John Smith",
        "Smith",
        "Ana and Maria Lopez",
        "Maria and Ana Lopez",
        "the police chief",
        "a deputy police chief",
        "President Vladimir Putin",
        "Russian President Putin",
        "Baku",
        "Yekaterinburg",
    ];
    (
        0..names.len(),
        prop_oneof![
            Just(EntityKind::Person),
            Just(EntityKind::Organization),
            Just(EntityKind::Place),
            Just(EntityKind::Description)
        ],
    )
        .prop_map(move |(i, kind)| EntityValue {
            display: names[i].to_string(),
            kind,
        })
}

proptest! {
    #[test]
    fn dates_relate_symmetrically(a in date_value(), b in date_value()) {
        prop_assert_eq!(a.relate(&b).kind, b.relate(&a).kind);
    }

    #[test]
    fn a_day_never_conflicts_with_its_month_or_year(d in day()) {
        let v = DateValue::day(d);
        for coarse in [DateValue::month(d.year, d.month).unwrap(), DateValue::year(d.year), DateValue::year_less(d.month, Some(d.day)), DateValue::year_less(d.month, None)] {
            prop_assert_ne!(v.relate(&coarse).kind, RelationKind::Conflict);
            prop_assert_ne!(coarse.relate(&v).kind, RelationKind::Conflict);
        }
    }

    #[test]
    fn different_days_conflict(d in day(), k in 1i64..400) {
        prop_assert_eq!(DateValue::day(d).relate(&DateValue::day(d.add_days(k))).kind, RelationKind::Conflict);
    }

    #[test]
    fn quantities_relate_symmetrically(a in quantity(), b in quantity()) {
        prop_assert_eq!(a.relate(&b).kind, b.relate(&a).kind);
    }

    #[test]
    fn a_figure_inside_a_range_never_conflicts(q in quantity(), pick in 0.0f64..1.0) {
        let hi = q.max.unwrap_or(q.min + 100.0);
        let n = (q.min + (hi - q.min) * pick).floor().max(q.min);
        let exact = Quantity::exact(n, n.to_string());
        prop_assert!(q.contains(n));
        prop_assert_ne!(exact.relate(&q).kind, RelationKind::Conflict);
    }

    #[test]
    fn entities_relate_symmetrically(a in entity(), b in entity()) {
        prop_assert_eq!(a.relate(&b).kind, b.relate(&a).kind);
    }
}

#[test]
fn names_and_roles() {
    let p = |s: &str| EntityValue {
        display: s.into(),
        kind: EntityKind::Person,
    };
    let d = |s: &str| EntityValue {
        display: s.into(),
        kind: EntityKind::Description,
    };
    assert!(p("Maria and Ana Lopez").matches(&p("Ana and Maria Lopez")));
    assert!(p("Gov. Smith").matches(&p("Governor John Smith")));
    assert!(p("Russian President Putin").matches(&p("President Vladimir Putin")));
    assert!(!d("the police chief").matches(&d("a deputy police chief")));
    assert_eq!(
        p("John Smith").relate(&p("John Brown")).kind,
        RelationKind::Conflict
    );
    // A distinguishing word sets two roles apart only where the rest names the same role.
    assert_eq!(
        d("the police chief")
            .relate(&d("a deputy police chief"))
            .kind,
        RelationKind::Conflict
    );
    assert_eq!(
        d("former textile warehouse")
            .relate(&d("four-storey building on the Canal Street"))
            .kind,
        RelationKind::Incomparable
    );
    assert_ne!(
        p("Griffis").relate(&d("his former employer")).kind,
        RelationKind::Conflict
    );
}

#[test]
fn decades_and_refinements() {
    let late_80s = DateValue {
        display: "the late 1980s".into(),
        timex: "198".into(),
        granularity: Granularity::Decade,
        modifier: Some(DateMod::End),
        span: DateSpan::Interval {
            first: CivilDate::new(1987, 1, 1).unwrap(),
            last: CivilDate::new(1989, 12, 31).unwrap(),
        },
    };
    let seventies = DateValue {
        display: "the 1970s".into(),
        timex: "197".into(),
        granularity: Granularity::Decade,
        modifier: None,
        span: DateSpan::Interval {
            first: CivilDate::new(1970, 1, 1).unwrap(),
            last: CivilDate::new(1979, 12, 31).unwrap(),
        },
    };
    let y1987 = DateValue::year(1987);
    assert_eq!(late_80s.relate(&y1987).kind, RelationKind::Refinement);
    assert_eq!(seventies.relate(&y1987).kind, RelationKind::Conflict);
    assert_eq!(
        DateValue::month(2024, 12)
            .unwrap()
            .relate(&DateValue::day(CivilDate::new(2024, 12, 25).unwrap()))
            .kind,
        RelationKind::Refinement
    );
}
