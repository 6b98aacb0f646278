import { strict as assert } from "node:assert";
import { contactName, escapeValue, fold, whatsappContactToVcard } from "../../../src/networks/whatsapp/vcard";

describe("vCard 3.0 from WhatsApp contact cards", () => {
  it("writes every field WhatsApp sends, in RFC 2426 form with CRLF line ends", () => {
    const vcard = whatsappContactToVcard({
      name: { formatted_name: "Dr. John Q. Smith Jr.", first_name: "John", middle_name: "Q.", last_name: "Smith", prefix: "Dr.", suffix: "Jr." },
      phones: [
        { phone: "+1 (940) 555-1234", wa_id: "19405551234", type: "CELL" },
        { phone: "+1 940-555-0000", type: "WORK" },
        { wa_id: "16505550000" },
      ],
      emails: [{ email: "john@example.org", type: "WORK" }, { email: "j@home.example" }],
      org: { company: "Acme; Widgets", department: "Sales", title: "Manager, North" },
      addresses: [{ street: "1 Hacker Way", city: "Menlo Park", state: "CA", zip: "94025", country: "United States", country_code: "US", type: "WORK" }],
      urls: [{ url: "https://example.org/john", type: "WORK" }],
      birthday: "1980-05-04",
    });
    assert.equal(
      vcard,
      [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "N:Smith;John;Q.;Dr.;Jr.",
        "FN:Dr. John Q. Smith Jr.",
        "ORG:Acme\\; Widgets;Sales",
        "TITLE:Manager\\, North",
        "TEL;TYPE=CELL:+1 (940) 555-1234",
        "TEL;TYPE=WORK:+1 940-555-0000",
        "TEL:16505550000",
        "EMAIL;TYPE=INTERNET,WORK:john@example.org",
        "EMAIL;TYPE=INTERNET:j@home.example",
        "ADR;TYPE=WORK:;;1 Hacker Way;Menlo Park;CA;94025;United States",
        "URL;TYPE=WORK:https://example.org/john",
        "BDAY:1980-05-04",
        "END:VCARD",
        "",
      ].join("\r\n"),
    );
  });

  it("names a card by its formatted name, else its parts, else its first number", () => {
    assert.equal(contactName({ name: { formatted_name: " Ana " } }), "Ana");
    assert.equal(contactName({ name: { first_name: "Ana", last_name: "López" } }), "Ana López");
    assert.equal(contactName({ phones: [{ phone: "+1 555" }] }), "+1 555");
    assert.equal(contactName({}), "Contact");
    assert.match(whatsappContactToVcard({ phones: [{ phone: "+1 555" }] }), /\r\nN:;;;;\r\nFN:\+1 555\r\n/);
  });

  it("escapes backslashes, commas, semicolons and newlines; ignores odd types and birthdays", () => {
    assert.equal(escapeValue("a\\b,c;d\ne\r\nf"), "a\\\\b\\,c\\;d\\ne\\nf");
    const vcard = whatsappContactToVcard({ name: { formatted_name: "X" }, phones: [{ phone: "1", type: "CELL:evil\r\nX" }], birthday: "May 4th" });
    assert.ok(vcard.includes("\r\nTEL:1\r\n"));
    assert.ok(!vcard.includes("BDAY"));
  });

  it("folds lines over 75 octets without splitting a UTF-8 character", () => {
    const long = "NOTE:" + "ü".repeat(60);
    const folded = fold(long);
    const lines = folded.split("\r\n");
    assert.ok(lines.length > 1);
    assert.ok(lines.every((line) => Buffer.byteLength(line) <= 75), JSON.stringify(lines));
    assert.ok(lines.slice(1).every((line) => line.startsWith(" ")));
    assert.equal(lines.map((line, i) => (i === 0 ? line : line.slice(1))).join(""), long);
    assert.equal(fold("FN:short"), "FN:short");
  });
});
