// Converters for the API's custom scalars, named in build.yaml's `scalars` mapping.

/// An instant from the API (`DateTimeISO`, `DateTime`): always parsed as UTC.
DateTime dateTimeFromJson(dynamic value) => DateTime.parse(value as String).toUtc();

/// An instant to the API: UTC with a `Z`, so the server never guesses a time zone.
String dateTimeToJson(DateTime value) => value.toUtc().toIso8601String();

/// A calendar day (`LocalDate`, `2026-12-03`): a birthday or a due date is the same day everywhere,
/// which a `DateTime` (an instant) cannot say without a time zone.
class LocalDate implements Comparable<LocalDate> {
  const LocalDate(this.year, this.month, this.day);

  /// Parses `YYYY-MM-DD`; throws [FormatException] for anything else or a day that does not exist.
  factory LocalDate.parse(String text) {
    final match = RegExp(r'^(\d{4})-(\d{2})-(\d{2})$').firstMatch(text);
    if (match == null) throw FormatException('Not a YYYY-MM-DD date', text);
    final date = LocalDate(int.parse(match[1]!), int.parse(match[2]!), int.parse(match[3]!));
    final check = DateTime.utc(date.year, date.month, date.day);
    if (check.year != date.year || check.month != date.month || check.day != date.day) {
      throw FormatException('No such day', text);
    }
    return date;
  }

  /// Today on this device's calendar.
  factory LocalDate.today() {
    final now = DateTime.now();
    return LocalDate(now.year, now.month, now.day);
  }

  final int year;
  final int month;
  final int day;

  @override
  String toString() =>
      '${year.toString().padLeft(4, '0')}-${month.toString().padLeft(2, '0')}-${day.toString().padLeft(2, '0')}';

  @override
  int compareTo(LocalDate other) => toString().compareTo(other.toString());

  @override
  bool operator ==(Object other) => other is LocalDate && other.toString() == toString();

  @override
  int get hashCode => toString().hashCode;
}

LocalDate localDateFromJson(dynamic value) => LocalDate.parse(value as String);

String localDateToJson(LocalDate value) => value.toString();

/// A JSON object (`JSONObject`), as decoded.
Map<String, dynamic> jsonObjectFromJson(dynamic value) => Map<String, dynamic>.from(value as Map);

Map<String, dynamic> jsonObjectToJson(Map<String, dynamic> value) => value;
