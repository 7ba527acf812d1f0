# best-trials.gp — written by the course; edit freely and rerun, no retraining needed.
#   gnuplot best-trials.gp                  writes best-trials.png and best-trials.svg
#   gnuplot -c best-trials.gp terminal      draws it in the terminal
#   gnuplot -c best-trials.gp files a.png b.svg   writes a.png and b.svg (beside it) instead

# Work beside this script, where its data files are: its path up to the last '/'.
# (Found in gnuplot itself, not the shell, so any character in the path is safe.)
script_dir = "."
do for [i = 1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { script_dir = (i == 1) ? "/" : ARG0[1:i-1] } }
cd script_dir
mode = (ARGC > 0) ? ARG1 : "files"
targets = (mode eq "terminal") ? "terminal" : "png svg"
png_file = (ARGC > 1) ? ARG2 : 'best-trials.png'
svg_file = (ARGC > 2) ? ARG3 : 'best-trials.svg'

do for [target in targets] {
  if (target eq "png") { set terminal pngcairo size 1200,980 noenhanced font 'Sans,10'; set output png_file }
  if (target eq "svg") { set terminal svg size 1200,980 noenhanced font 'Sans,10' background 'white'; set output svg_file }
  if (target eq "terminal") { set terminal dumb size 200,80 noenhanced; set output }
  set multiplot layout 4,5 title 'The best 20 of 100 trials: validation accuracy (solid) and training accuracy (dashed) over 50 epochs'
  # — panel 'Best-1: η 0.0062, λ 2.7e-08' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Best-1: η 0.0062, λ 2.7e-08'; set xlabel ''; set ylabel 'accuracy'
  set xrange [0:49]; set yrange [0:1]
  set format x ''
  set format y '% h'
  unset key
  plot 'trial-curves.dat' using 1:58 with lines lw 1.5 lc rgb '#1f77b4' title 'validation', \
       'trial-curves.dat' using 1:59 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' title 'training'
  # — panel 'Best-2: η 0.0077, λ 3.2e-08' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Best-2: η 0.0077, λ 3.2e-08'; set xlabel ''; set ylabel ''
  set xrange [0:49]; set yrange [0:1]
  set format x ''
  set format y ''
  unset key
  plot 'trial-curves.dat' using 1:66 with lines lw 1.5 lc rgb '#1f77b4' title 'validation', \
       'trial-curves.dat' using 1:67 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' title 'training'
  # — panel 'Best-3: η 0.0067, λ 8.4e-08' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Best-3: η 0.0067, λ 8.4e-08'; set xlabel ''; set ylabel ''
  set xrange [0:49]; set yrange [0:1]
  set format x ''
  set format y ''
  unset key
  plot 'trial-curves.dat' using 1:118 with lines lw 1.5 lc rgb '#1f77b4' title 'validation', \
       'trial-curves.dat' using 1:119 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' title 'training'
  # — panel 'Best-4: η 0.0099, λ 1.9e-08' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Best-4: η 0.0099, λ 1.9e-08'; set xlabel ''; set ylabel ''
  set xrange [0:49]; set yrange [0:1]
  set format x ''
  set format y ''
  unset key
  plot 'trial-curves.dat' using 1:164 with lines lw 1.5 lc rgb '#1f77b4' title 'validation', \
       'trial-curves.dat' using 1:165 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' title 'training'
  # — panel 'Best-5: η 0.0091, λ 1.3e-07' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Best-5: η 0.0091, λ 1.3e-07'; set xlabel ''; set ylabel ''
  set xrange [0:49]; set yrange [0:1]
  set format x ''
  set format y ''
  unset key
  plot 'trial-curves.dat' using 1:2 with lines lw 1.5 lc rgb '#1f77b4' title 'validation', \
       'trial-curves.dat' using 1:3 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' title 'training'
  # — panel 'Best-6: η 0.0066, λ 4.9e-07' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Best-6: η 0.0066, λ 4.9e-07'; set xlabel ''; set ylabel 'accuracy'
  set xrange [0:49]; set yrange [0:1]
  set format x ''
  set format y '% h'
  unset key
  plot 'trial-curves.dat' using 1:10 with lines lw 1.5 lc rgb '#1f77b4' title 'validation', \
       'trial-curves.dat' using 1:11 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' title 'training'
  # — panel 'Best-7: η 0.0094, λ 4.3e-07' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Best-7: η 0.0094, λ 4.3e-07'; set xlabel ''; set ylabel ''
  set xrange [0:49]; set yrange [0:1]
  set format x ''
  set format y ''
  unset key
  plot 'trial-curves.dat' using 1:80 with lines lw 1.5 lc rgb '#1f77b4' title 'validation', \
       'trial-curves.dat' using 1:81 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' title 'training'
  # — panel 'Best-8: η 0.0068, λ 2.5e-07' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Best-8: η 0.0068, λ 2.5e-07'; set xlabel ''; set ylabel ''
  set xrange [0:49]; set yrange [0:1]
  set format x ''
  set format y ''
  unset key
  plot 'trial-curves.dat' using 1:190 with lines lw 1.5 lc rgb '#1f77b4' title 'validation', \
       'trial-curves.dat' using 1:191 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' title 'training'
  # — panel 'Best-9: η 0.0098, λ 7.3e-08' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Best-9: η 0.0098, λ 7.3e-08'; set xlabel ''; set ylabel ''
  set xrange [0:49]; set yrange [0:1]
  set format x ''
  set format y ''
  unset key
  plot 'trial-curves.dat' using 1:6 with lines lw 1.5 lc rgb '#1f77b4' title 'validation', \
       'trial-curves.dat' using 1:7 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' title 'training'
  # — panel 'Best-10: η 0.0085, λ 2.7e-08' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Best-10: η 0.0085, λ 2.7e-08'; set xlabel ''; set ylabel ''
  set xrange [0:49]; set yrange [0:1]
  set format x ''
  set format y ''
  unset key
  plot 'trial-curves.dat' using 1:100 with lines lw 1.5 lc rgb '#1f77b4' title 'validation', \
       'trial-curves.dat' using 1:101 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' title 'training'
  # — panel 'Best-11: η 0.0076, λ 1.0e-08' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Best-11: η 0.0076, λ 1.0e-08'; set xlabel ''; set ylabel 'accuracy'
  set xrange [0:49]; set yrange [0:1]
  set format x ''
  set format y '% h'
  unset key
  plot 'trial-curves.dat' using 1:106 with lines lw 1.5 lc rgb '#1f77b4' title 'validation', \
       'trial-curves.dat' using 1:107 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' title 'training'
  # — panel 'Best-12: η 0.0087, λ 4.3e-07' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Best-12: η 0.0087, λ 4.3e-07'; set xlabel ''; set ylabel ''
  set xrange [0:49]; set yrange [0:1]
  set format x ''
  set format y ''
  unset key
  plot 'trial-curves.dat' using 1:46 with lines lw 1.5 lc rgb '#1f77b4' title 'validation', \
       'trial-curves.dat' using 1:47 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' title 'training'
  # — panel 'Best-13: η 0.0072, λ 2.9e-07' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Best-13: η 0.0072, λ 2.9e-07'; set xlabel ''; set ylabel ''
  set xrange [0:49]; set yrange [0:1]
  set format x ''
  set format y ''
  unset key
  plot 'trial-curves.dat' using 1:98 with lines lw 1.5 lc rgb '#1f77b4' title 'validation', \
       'trial-curves.dat' using 1:99 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' title 'training'
  # — panel 'Best-14: η 0.0058, λ 7.5e-08' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Best-14: η 0.0058, λ 7.5e-08'; set xlabel ''; set ylabel ''
  set xrange [0:49]; set yrange [0:1]
  set format x ''
  set format y ''
  unset key
  plot 'trial-curves.dat' using 1:166 with lines lw 1.5 lc rgb '#1f77b4' title 'validation', \
       'trial-curves.dat' using 1:167 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' title 'training'
  # — panel 'Best-15: η 0.0076, λ 2.5e-07' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Best-15: η 0.0076, λ 2.5e-07'; set xlabel ''; set ylabel ''
  set xrange [0:49]; set yrange [0:1]
  set format x ''
  set format y ''
  unset key
  plot 'trial-curves.dat' using 1:188 with lines lw 1.5 lc rgb '#1f77b4' title 'validation', \
       'trial-curves.dat' using 1:189 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' title 'training'
  # — panel 'Best-16: η 0.0066, λ 1.2e-07' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Best-16: η 0.0066, λ 1.2e-07'; set xlabel 'epoch'; set ylabel 'accuracy'
  set xrange [0:49]; set yrange [0:1]
  set format x '% h'
  set format y '% h'
  unset key
  plot 'trial-curves.dat' using 1:86 with lines lw 1.5 lc rgb '#1f77b4' title 'validation', \
       'trial-curves.dat' using 1:87 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' title 'training'
  # — panel 'Best-17: η 0.0049, λ 1.4e-08' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Best-17: η 0.0049, λ 1.4e-08'; set xlabel 'epoch'; set ylabel ''
  set xrange [0:49]; set yrange [0:1]
  set format x '% h'
  set format y ''
  unset key
  plot 'trial-curves.dat' using 1:108 with lines lw 1.5 lc rgb '#1f77b4' title 'validation', \
       'trial-curves.dat' using 1:109 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' title 'training'
  # — panel 'Best-18: η 0.0085, λ 3.1e-08' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Best-18: η 0.0085, λ 3.1e-08'; set xlabel 'epoch'; set ylabel ''
  set xrange [0:49]; set yrange [0:1]
  set format x '% h'
  set format y ''
  unset key
  plot 'trial-curves.dat' using 1:170 with lines lw 1.5 lc rgb '#1f77b4' title 'validation', \
       'trial-curves.dat' using 1:171 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' title 'training'
  # — panel 'Best-19: η 0.0067, λ 8.0e-08' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Best-19: η 0.0067, λ 8.0e-08'; set xlabel 'epoch'; set ylabel ''
  set xrange [0:49]; set yrange [0:1]
  set format x '% h'
  set format y ''
  unset key
  plot 'trial-curves.dat' using 1:62 with lines lw 1.5 lc rgb '#1f77b4' title 'validation', \
       'trial-curves.dat' using 1:63 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' title 'training'
  # — panel 'Best-20: η 0.006, λ 2.1e-08' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Best-20: η 0.006, λ 2.1e-08'; set xlabel 'epoch'; set ylabel ''
  set xrange [0:49]; set yrange [0:1]
  set format x '% h'
  set format y ''
  unset key
  plot 'trial-curves.dat' using 1:102 with lines lw 1.5 lc rgb '#1f77b4' title 'validation', \
       'trial-curves.dat' using 1:103 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' title 'training'
  unset multiplot
  set output
}
