#include "store/complaint_store.h"

#include "csv/csv.h"
#include "store/store.h"

namespace revisit {

std::vector<ComplaintEvent> load_complaint_events(const DataDir& dir) {
    const std::string file = dir.file(kComplaintsFile);
    std::vector<ComplaintEvent> events =
        parse_complaint_events(dir.read(kComplaintsFile, true), file);
    fold_complaints(events, file);  // refuse a journal whose events do not fit, wherever it is read
    return events;
}

ComplaintBook load_complaints(const DataDir& dir) {
    const std::string file = dir.file(kComplaintsFile);
    return fold_complaints(parse_complaint_events(dir.read(kComplaintsFile, true), file), file);
}

void append_complaint_event(const DataDir& dir, const ComplaintEvent& event,
                            const std::vector<FileUpdate>& with) {
    dir.append(kComplaintsFile, csv_line(complaint_columns()),
               csv_line(complaint_event_fields(event)), with);
}

}  // namespace revisit
