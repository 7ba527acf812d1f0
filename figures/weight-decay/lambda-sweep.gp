# lambda-sweep.gp — written by the course; edit freely and rerun, no retraining needed.
#   gnuplot lambda-sweep.gp                  writes lambda-sweep.png and lambda-sweep.svg
#   gnuplot -c lambda-sweep.gp terminal      draws it in the terminal
#   gnuplot -c lambda-sweep.gp files a.png b.svg   writes a.png and b.svg (beside it) instead

# Work beside this script, where its data files are: its path up to the last '/'.
# (Found in gnuplot itself, not the shell, so any character in the path is safe.)
script_dir = "."
do for [i = 1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { script_dir = (i == 1) ? "/" : ARG0[1:i-1] } }
cd script_dir
mode = (ARGC > 0) ? ARG1 : "files"
targets = (mode eq "terminal") ? "terminal" : "png svg"
png_file = (ARGC > 1) ? ARG2 : 'lambda-sweep.png'
svg_file = (ARGC > 2) ? ARG3 : 'lambda-sweep.svg'

do for [target in targets] {
  if (target eq "png") { set terminal pngcairo size 1200,500 noenhanced font 'Sans,10'; set output png_file }
  if (target eq "svg") { set terminal svg size 1200,500 noenhanced font 'Sans,10' background 'white'; set output svg_file }
  if (target eq "terminal") { set terminal dumb size 120,30 noenhanced; set output }
  set multiplot layout 1,2 title 'How much weight decay? Six values of λ, same batches, same start'
  # — panel 'After 601 updates: accuracy and gap' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'After 601 updates: accuracy and gap'; set xlabel 'λ (λ = 0 drawn at 0.003)'; set ylabel 'accuracy'
  set xrange [0.002:1.5]; set yrange [0:1]
  set format x '% h'
  set format y '% h'
  set logscale x; set format x '%g'; set xtics add (0.002, 0.005, 0.02, 0.05, 0.2, 0.5)
  set key default; set key center left opaque
  plot 'lambda-sweep.dat' using 2:3 with linespoints lw 1.5 pi 1 ps 1 lc rgb '#1f77b4' title 'train', \
       'lambda-sweep.dat' using 2:4 with linespoints lw 1.5 pi 1 ps 1 lc rgb '#ff7f0e' title 'test', \
       'lambda-sweep.dat' using 2:5 with linespoints lw 1.5 pi 1 ps 1 dt 2 lc rgb '#d62728' title 'gap (train − test)'
  # — panel 'After 601 updates: ΣW²' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'After 601 updates: ΣW²'; set xlabel 'λ (λ = 0 drawn at 0.003)'; set ylabel 'ΣW² (log scale)'
  set xrange [0.002:1.5]; set yrange [*:*]
  set format x '% h'
  set format y '% h'
  set logscale x; set format x '%g'; set xtics add (0.002, 0.005, 0.02, 0.05, 0.2, 0.5)
  set logscale y; set format y '%g'
  unset key
  plot 'lambda-sweep.dat' using 2:6 with linespoints lw 1.5 pi 1 ps 1 lc rgb '#2ca02c' title 'ΣW²'
  unset multiplot
  set output
}
