#include "report/history.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "util/text.h"

namespace revisit {

const char* timeline_kind_name(TimelineEntry::Kind kind) {
    switch (kind) {
        case TimelineEntry::Kind::Add:
            return "add";
        case TimelineEntry::Kind::Update:
            return "update";
        case TimelineEntry::Kind::Contact:
            return "contact";
    }
    return "?";
}

std::vector<TimelineEntry> customer_timeline(const std::vector<CustomerRecord>& customer_records,
                                             const std::vector<ContactRecord>& journal,
                                             const std::string& id) {
    std::vector<TimelineEntry> out;
    for (const auto& r : customer_records) {
        if (r.id != id) continue;
        TimelineEntry e;
        e.kind = r.op == "add" ? TimelineEntry::Kind::Add : TimelineEntry::Kind::Update;
        e.at = r.at;
        e.by = r.by;
        e.source = r.source;
        e.changes = customer_record_changes(r);
        out.push_back(std::move(e));
    }
    std::unordered_map<std::string, std::string> amended_by;
    for (const auto& r : journal)
        if (!r.amends.empty() && !amended_by.count(r.amends)) amended_by[r.amends] = r.id;
    for (const auto& r : journal) {
        if (r.customer != id) continue;
        TimelineEntry e;
        e.kind = TimelineEntry::Kind::Contact;
        e.at = r.at;
        e.by = r.staff;
        e.changes = r.set;
        e.contact = r;
        auto it = amended_by.find(r.id);
        if (it != amended_by.end()) e.superseded_by = it->second;
        out.push_back(std::move(e));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const TimelineEntry& a, const TimelineEntry& b) { return a.at < b.at; });
    return out;
}

KeyValues customer_record_changes(const CustomerRecord& r) {
    KeyValues out;
    if (!r.name.empty()) out.emplace_back("name", r.name);
    if (!r.phone.empty()) out.emplace_back("phone", r.phone);
    if (!r.owners.empty()) out.emplace_back("owners", join(r.owners, ";"));
    out.insert(out.end(), r.set.begin(), r.set.end());
    return out;
}

std::string contact_summary(const ContactRecord& r) {
    std::vector<std::string> parts{r.channel + " " + r.outcome};
    if (!r.note.empty()) parts.push_back("note: " + r.note);
    if (!r.signature.empty()) parts.push_back("signature: " + r.signature);
    if (!r.promise.empty()) {
        const auto p = parse_stored_promise(r.promise);
        parts.push_back(fmt::format("{}: {}{}", p && p->callback >= 0 ? "callback" : "promise",
                                    r.promise, r.promise_note.empty() ? "" : " " + r.promise_note));
    }
    if (!r.finding.empty())
        parts.push_back(fmt::format("finding: {}{}", r.finding,
                                    r.finding_note.empty() ? "" : " " + r.finding_note));
    if (!r.set.empty()) {
        std::vector<std::string> kv;
        for (const auto& [k, v] : r.set) kv.push_back(k + "=" + v);
        parts.push_back("set: " + join(kv, " "));
    }
    return join(parts, "; ");
}

}  // namespace revisit
