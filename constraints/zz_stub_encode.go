package constraints

// Temporary stubs: delete each as its Encode is written.
func (*MaxConsecutiveDays) Encode(e Encoder) { panic("TODO") }
func (*Holidays) Encode(e Encoder) { panic("TODO") }
func (*RestInterval) Encode(e Encoder) { panic("TODO") }
func (*RestWithin) Encode(e Encoder) { panic("TODO") }
func (*WeeklyRest) Encode(e Encoder) { panic("TODO") }
func (*SumBound) Encode(e Encoder) { panic("TODO") }
func (*NightWork) Encode(e Encoder) { panic("TODO") }
func (*Minor) Encode(e Encoder) { panic("TODO") }
func (*Breaks) Encode(e Encoder) { panic("TODO") }
func (*Coverage) Encode(e Encoder) { panic("TODO") }
func (*Structure) Encode(e Encoder) { panic("TODO") }
func (*Personal) Encode(e Encoder) { panic("TODO") }
