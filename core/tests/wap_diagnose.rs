//! Diagnosis of a legacy WAP notification verified as a sorted message.

use alipay_notify::diagnose::{DiagnoseOptions, diagnose};
use alipay_notify::{Rule, Verifier};

fn wap_md5_body() -> String {
    let xml = "<notify><out_trade_no>W1</out_trade_no><total_fee>0.01</total_fee></notify>";
    let content =
        format!("service=alipay.wap.trade.create.direct&v=1.0&sec_id=MD5&notify_data={xml}");
    let sign = {
        use md5::{Digest, Md5};
        let mut h = Md5::new();
        h.update(content.as_bytes());
        h.update(b"partner-key");
        h.finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    form_urlencoded::Serializer::new(String::new())
        .append_pair("service", "alipay.wap.trade.create.direct")
        .append_pair("sign", &sign)
        .append_pair("sec_id", "MD5")
        .append_pair("v", "1.0")
        .append_pair("notify_data", xml)
        .finish()
}

#[test]
fn a_wap_message_verified_as_sorted_is_explained() {
    let body = wap_md5_body();
    for rule in [Rule::V1, Rule::V2] {
        let builder = Verifier::builder().md5_key("partner-key").rule(rule);
        let diagnosis = diagnose(body.as_bytes(), &builder, &DiagnoseOptions::default()).unwrap();
        assert!(!diagnosis.verified);
        let finding = diagnosis
            .findings
            .iter()
            .find(|f| f.code == "WAP_VERIFIED_AS_SORTED")
            .unwrap_or_else(|| panic!("{rule}: {:?}", diagnosis.findings));
        assert!(finding.certain);
        assert!(
            finding.explanation.contains("fixed order"),
            "{}",
            finding.explanation
        );
    }
    let builder = Verifier::builder().md5_key("partner-key");
    let diagnosis = diagnose(body.as_bytes(), &builder, &DiagnoseOptions::default()).unwrap();
    assert!(diagnosis.verified, "{:?}", diagnosis.findings);
}
