//! time: every clock reading comes from the Host.
use super::*;
use crate::vm::host::WaitReason;

fn t_time(vm: &mut Vm, _a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    Ok(Value::Float(vm.host().wall()))
}
fn t_time_ns(vm: &mut Vm, _a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    Ok(Value::Int((vm.host().wall() * 1e9) as i64))
}
fn t_perf(vm: &mut Vm, _a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    Ok(Value::Float(vm.host().now()))
}
fn t_perf_ns(vm: &mut Vm, _a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    Ok(Value::Int((vm.host().now() * 1e9) as i64))
}
fn t_sleep(vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let s = match a.first() {
        Some(v) => crate::vm::ops::to_f64(v).ok_or_else(|| type_error(format!("'{}' object cannot be interpreted as an integer", type_name(v))))?,
        None => return Err(type_error("time.sleep() takes exactly one argument (0 given)")),
    };
    if s < 0.0 {
        return Err(value_error("sleep length must be non-negative"));
    }
    let until = vm.host().now() + s;
    vm.pending = Some(WaitReason::Sleep { until });
    Ok(Value::None)
}

fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn t_strftime(vm: &mut Vm, a: Vec<Value>, _k: Vec<(Name, Value)>) -> PyResult<Value> {
    let fmt = a.first().and_then(|v| v.as_str().map(|s| s.to_string())).ok_or_else(|| type_error("strftime() argument 1 must be str"))?;
    let secs = vm.host().wall() as i64;
    let days = secs.div_euclid(86400);
    let rem = secs.rem_euclid(86400);
    let (y, mo, d) = civil(days);
    let (h, mi, s) = (rem / 3600, (rem % 3600) / 60, rem % 60);
    let wd = ((days + 4).rem_euclid(7)) as usize; // 0 = Sunday
    const WD: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    const MN: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    let mut out = String::new();
    let mut it = fmt.chars();
    while let Some(c) = it.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('Y') => out.push_str(&y.to_string()),
            Some('y') => out.push_str(&format!("{:02}", y % 100)),
            Some('m') => out.push_str(&format!("{:02}", mo)),
            Some('d') => out.push_str(&format!("{:02}", d)),
            Some('H') => out.push_str(&format!("{:02}", h)),
            Some('I') => out.push_str(&format!("{:02}", if h % 12 == 0 { 12 } else { h % 12 })),
            Some('p') => out.push_str(if h < 12 { "AM" } else { "PM" }),
            Some('M') => out.push_str(&format!("{:02}", mi)),
            Some('S') => out.push_str(&format!("{:02}", s)),
            Some('A') => out.push_str(WD[wd]),
            Some('a') => out.push_str(&WD[wd][..3]),
            Some('B') => out.push_str(MN[mo as usize - 1]),
            Some('b') => out.push_str(&MN[mo as usize - 1][..3]),
            Some('%') => out.push('%'),
            Some(o) => {
                out.push('%');
                out.push(o)
            }
            None => out.push('%'),
        }
    }
    Ok(Value::string(out))
}

pub fn init(_vm: &mut Vm, ns: &Arc<Namespace>) -> PyResult<()> {
    def(ns, "time", t_time);
    def(ns, "time_ns", t_time_ns);
    def(ns, "perf_counter", t_perf);
    def(ns, "perf_counter_ns", t_perf_ns);
    def(ns, "monotonic", t_perf);
    def(ns, "monotonic_ns", t_perf_ns);
    def(ns, "process_time", t_perf);
    def(ns, "sleep", t_sleep);
    def(ns, "strftime", t_strftime);
    Ok(())
}
